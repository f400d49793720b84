/**
 * Throughput estimate from finished downloads, in bits per second: two exponentially weighted
 * averages (fast and slow, half-lives of 3 s and 9 s of download time, as hls.js and Shaka
 * keep) and the lower of the two, so a sudden drop is seen at once and a single fast download
 * does not raise it much. Each sample weighs as much as its download lasted, so a short
 * transfer (whose timing is mostly noise) moves the estimate less than a long one. Downloads
 * under 16 KB are ignored (a playlist tells nothing about the link); durations under 20 ms
 * count as 20 ms (a loopback or cached transfer measures as a few microseconds).
 *
 * The averages start at 0 and are divided by the weight seen so far (bias correction, as in
 * hls.js's EWMA): the first sample gives its own value at once, whatever its weight.
 *
 * @example
 * const bw = new BandwidthEstimator(2e6);
 * bw.measured; // false: estimate() is the 2 Mbps guess
 * bw.sample(250_000, 400); // 250 KB in 400 ms
 * bw.estimate(); // 5 Mbps
 */
export class BandwidthEstimator {
  private readonly fast = new Ewma(3);
  private readonly slow = new Ewma(9);

  constructor(private readonly defaultBps: number) {}

  sample(bytes: number, ms: number): void {
    if (!(bytes >= MIN_BYTES) || !(ms >= 0)) return;
    const seconds = Math.max(ms, MIN_MS) / 1000;
    const bps = (bytes * 8) / seconds;
    this.fast.add(bps, seconds);
    this.slow.add(bps, seconds);
  }

  /** True once a download was timed: before that, `estimate()` is the default guess. */
  get measured(): boolean {
    return this.fast.weight > 0;
  }

  estimate(): number {
    return this.measured ? Math.min(this.fast.value(), this.slow.value()) : this.defaultBps;
  }
}

const MIN_BYTES = 16_000;
const MIN_MS = 20;

/** An exponentially weighted average over time: `halfLife` seconds of samples halve an old value's weight. */
class Ewma {
  private total = 0;
  weight = 0;
  private readonly alpha: number;

  constructor(halfLife: number) {
    this.alpha = Math.exp(Math.log(0.5) / halfLife);
  }

  add(value: number, seconds: number): void {
    const keep = this.alpha ** seconds;
    this.total = value * (1 - keep) + keep * this.total;
    this.weight += seconds;
  }

  value(): number {
    return this.total / (1 - this.alpha ** this.weight);
  }
}
