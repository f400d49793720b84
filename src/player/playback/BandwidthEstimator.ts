/**
 * Throughput estimate from finished downloads, in bits per second: two exponentially weighted
 * averages (fast and slow, as hls.js does) and the lower of the two, so a sudden drop is seen at
 * once and a single fast download does not raise it much. Downloads too small to time well
 * (under 16 KB, or under 20 ms) are ignored.
 *
 * @example
 * const bw = new BandwidthEstimator(2e6);
 * bw.sample(250_000, 400); // 250 KB in 400 ms
 * bw.estimate(); // ≈ 2–5 Mbps
 */
export class BandwidthEstimator {
  private fast: number;
  private slow: number;
  private samples = 0;

  constructor(private readonly defaultBps: number) {
    this.fast = defaultBps;
    this.slow = defaultBps;
  }

  sample(bytes: number, ms: number): void {
    if (bytes < 16_000 || ms < 20) return;
    const bps = (bytes * 8 * 1000) / ms;
    // The first sample replaces the guess outright.
    this.fast = this.samples === 0 ? bps : mix(this.fast, bps, 0.5);
    this.slow = this.samples === 0 ? bps : mix(this.slow, bps, 0.15);
    this.samples++;
  }

  estimate(): number {
    return this.samples === 0 ? this.defaultBps : Math.min(this.fast, this.slow);
  }
}

function mix(average: number, value: number, weight: number): number {
  return average * (1 - weight) + value * weight;
}
