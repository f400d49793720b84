import type { BandwidthEstimator } from './BandwidthEstimator.js';

/** The fields of a Resource Timing entry the meter reads (PerformanceResourceTiming). */
export type ResourceTiming = Pick<
  PerformanceResourceTiming,
  'name' | 'startTime' | 'responseStart' | 'responseEnd' | 'transferSize' | 'encodedBodySize'
>;

/** Where entries come from: the page's Performance timeline (replaceable in unit tests). */
export interface ResourceTimingSource {
  /** Entries already recorded for `url` (performance.getEntriesByName). */
  byName(url: string): ResourceTiming[];
  /** Call `listener` with each new entry (a PerformanceObserver); returns the undo. */
  observe(listener: (entry: ResourceTiming) => void): () => void;
}

/** The page's own Resource Timing. */
export const pageResourceTiming: ResourceTimingSource = {
  byName: (url) =>
    typeof performance.getEntriesByName === 'function'
      ? (performance.getEntriesByName(url, 'resource') as PerformanceResourceTiming[])
      : [],
  observe(listener) {
    if (typeof PerformanceObserver === 'undefined') return () => {};
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) listener(entry as PerformanceResourceTiming);
    });
    observer.observe({ type: 'resource' });
    return () => observer.disconnect();
  },
};

/** How long a finished download waits for its Resource Timing entry before the fetch timing is used. */
const ENTRY_WAIT_MS = 500;

/**
 * Feeds the bandwidth estimate from the network itself: for each media download (fragments,
 * init sections, prefetches alike) the browser's Resource Timing entry, `encodedBodySize`
 * bytes between `responseStart` and `responseEnd`. Those are the network stack's timestamps,
 * so a page thread busy with layout or script when the body completes does not make the link
 * look slower, and the request's round trip (time to first byte) is not counted as transfer.
 *
 * Fallback, said where it happens: a cross-origin response without `Timing-Allow-Origin`
 * has an entry whose sizes and `responseStart` are 0 (the browser hides them), and a page
 * whose Resource Timing buffer is full gets no entry by name; then the download is timed as
 * the page saw it (from `fetch()` to the body's last byte). `offshoot serve` sends
 * `Timing-Allow-Origin` with CORS. A response served from the HTTP cache (transferSize 0) or
 * revalidated (a 304: transferSize below the body's size) tells nothing about the link and is
 * not counted.
 *
 * @example
 * const meter = new ThroughputMeter(new BandwidthEstimator(2e6));
 * const started = performance.now();
 * const bytes = await (await fetch(url)).arrayBuffer();
 * meter.downloaded(url, bytes.byteLength, started);
 */
export class ThroughputMeter {
  /** Downloads whose entry has not been seen yet, by URL: their fetch timing, and its timer. */
  private readonly waiting = new Map<string, { bytes: number; ms: number; startedAt: number; timer: unknown }>();
  /** Entries the observer delivered before their download was reported (most recent per URL). */
  private readonly recent = new Map<string, ResourceTiming>();
  private readonly stop: () => void;
  /** When the link was busy with transfers already counted. */
  private readonly busy = new BusyTime();
  /** How each sample was timed, for tests and the bench: 'resource-timing' or 'fetch'. */
  readonly counts = { resourceTiming: 0, fetch: 0, cached: 0 };
  /**
   * True when the latest media download came from the HTTP cache (or a 304): the link was not
   * measured by it, so the choice may probe a rendition up (ADR 0011, "Cache hits").
   */
  lastCached = false;

  constructor(
    private readonly estimator: BandwidthEstimator,
    private readonly source: ResourceTimingSource = pageResourceTiming,
  ) {
    this.stop = source.observe((entry) => this.observed(entry));
  }

  /**
   * A download of `url` finished with `bytes` of body; `startedAt` is performance.now() when
   * it was requested. Counted from its Resource Timing entry when there is one.
   */
  downloaded(url: string, bytes: number, startedAt: number, now = performance.now()): void {
    const entry = this.entryFor(url, startedAt);
    if (entry) return this.count(entry, bytes, now - startedAt);
    // Chromium may record the entry a task after the body resolves: wait a little for it.
    const previous = this.waiting.get(url);
    if (previous) clearTimeout(previous.timer as number);
    const timer = setTimeout(() => {
      this.waiting.delete(url);
      this.fallback(bytes, now - startedAt);
    }, ENTRY_WAIT_MS);
    this.waiting.set(url, { bytes, ms: now - startedAt, startedAt, timer });
  }

  destroy(): void {
    this.stop();
    for (const pending of this.waiting.values()) clearTimeout(pending.timer as number);
    this.waiting.clear();
    this.recent.clear();
  }

  private observed(entry: ResourceTiming): void {
    const pending = this.waiting.get(entry.name);
    if (pending && entry.startTime >= pending.startedAt - 1) {
      clearTimeout(pending.timer as number);
      this.waiting.delete(entry.name);
      this.count(entry, pending.bytes, pending.ms);
      return;
    }
    this.recent.delete(entry.name);
    this.recent.set(entry.name, entry);
    if (this.recent.size > 64) this.recent.delete(this.recent.keys().next().value!);
  }

  /** The latest entry for `url` that started when (or after) our request did. */
  private entryFor(url: string, startedAt: number): ResourceTiming | undefined {
    const fresh = (e: ResourceTiming | undefined) => e && e.startTime >= startedAt - 1 && e.responseEnd > 0;
    const seen = this.recent.get(url);
    if (fresh(seen)) {
      this.recent.delete(url);
      return seen;
    }
    return this.source.byName(url).filter(fresh).at(-1);
  }

  private count(entry: ResourceTiming, bytes: number, fetchMs: number): void {
    // No Timing-Allow-Origin on a cross-origin response: sizes and responseStart read 0.
    // Time the download as the page saw it (fetch call to last byte) instead.
    if (entry.encodedBodySize === 0 || entry.responseStart === 0) return this.fallback(bytes, fetchMs);
    // From the HTTP cache (transferSize 0) or revalidated (304: only headers crossed): not the link.
    if (entry.transferSize < entry.encodedBodySize) {
      this.counts.cached++;
      this.lastCached = true;
      return;
    }
    this.lastCached = false;
    this.counts.resourceTiming++;
    // Transfers overlap (the next fragment is asked for during this one; prefetches share the
    // link): each is credited only with the time no transfer counted before covered, so the
    // samples add up to bytes over the link's busy time, not each transfer's share of it.
    // A transfer wholly inside others still adds its bytes (with the estimator's minimum time).
    this.estimator.sample(entry.encodedBodySize, this.busy.add(entry.responseStart, entry.responseEnd));
  }

  private fallback(bytes: number, ms: number): void {
    this.lastCached = false;
    this.counts.fetch++;
    this.estimator.sample(bytes, ms);
  }
}

/** How long the link was busy, as a merged list of recent intervals (ms on the page's clock). */
class BusyTime {
  private intervals: Array<[number, number]> = [];

  /** Add [start, end]; returns how much of it no earlier interval covered. */
  add(start: number, end: number): number {
    let uncovered = Math.max(0, end - start);
    for (const [a, b] of this.intervals) uncovered -= Math.max(0, Math.min(b, end) - Math.max(a, start));
    const merged: Array<[number, number]> = [];
    let next: [number, number] = [start, end];
    for (const iv of this.intervals) {
      if (iv[1] < next[0] || iv[0] > next[1]) merged.push(iv);
      else next = [Math.min(iv[0], next[0]), Math.max(iv[1], next[1])];
    }
    merged.push(next);
    // A minute of history is plenty: transfers finish within their timeout.
    this.intervals = merged.filter((iv) => iv[1] > end - 60_000).sort((x, y) => x[0] - y[0]);
    return uncovered;
  }
}
