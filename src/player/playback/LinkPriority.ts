/** A download loop as the priority sees it (a SegmentFetch). */
export interface Downloader {
  readonly id: number;
  readonly aborted: boolean;
  readonly failed: boolean;
}

/** What the priority reads from the engine. */
export interface LinkPriorityHost<D extends Downloader = Downloader> {
  /** The timeline's downloads in play order (what plays first comes first); prefetches are not in it. */
  timeline(): readonly D[];
  /** Whether the media being played needs most of the link (then downloads take turns). */
  nearlyFull(): boolean;
  /** Seconds of media listed past the playhead. */
  ahead(): number;
  /** Seconds the next fragment of `d` would take to arrive at the estimate. */
  transferSeconds(d: D): number;
}

/** Media that must stay ahead of the playhead while a later download uses the link, seconds. */
export const SPARE_SECONDS = 1.5;
/** A download that finished a fragment this recently is still counted as busy (its next request is on its way). */
const SETTLE_MS = 150;
const POLL_MS = 50;

/**
 * Who uses the link first when the media nearly fills it: the timeline, in play order, then
 * the prefetched options. Without this, a prefetched option's first second shared the link
 * with the fragment the playhead needed next, and both came late (measured: `waiting` at 0.98 s
 * and 7.98 s with ~1 Mbps clips at 1.2 Mbps, bench/wild-media.bench.ts). A later download goes
 * when nothing before it is downloading, or when the media ahead covers its transfer with
 * SPARE_SECONDS to spare; on a link with room (`nearlyFull()` false) all go at once, as before.
 *
 * @example
 * const priority = new LinkPriority(host);
 * await priority.turn(fetch, signal); // before each fragment request
 * priority.done(fetch);               // its fragment arrived
 */
export class LinkPriority<D extends Downloader = Downloader> {
  /** Downloads with a fragment in flight. */
  private readonly busy = new Set<D>();
  /** When each download last finished a fragment (performance.now()). */
  private readonly finishedAt = new Map<D, number>();
  private readonly waiting = new Map<D, () => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly host: LinkPriorityHost<D>) {}

  /** Resolves when `d` may request its next fragment (at once unless something before it needs the link). */
  turn(d: D, signal?: AbortSignal): Promise<void> {
    if (this.mayGo(d)) {
      this.busy.add(d);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const go = () => {
        this.waiting.delete(d);
        signal?.removeEventListener('abort', go);
        this.busy.add(d);
        resolve();
      };
      this.waiting.set(d, go);
      signal?.addEventListener('abort', go, { once: true });
      this.schedule();
    });
  }

  /** `d`'s fragment arrived (or failed): it no longer holds the link. */
  done(d: D): void {
    if (!this.busy.delete(d)) return;
    const now = performance.now();
    this.finishedAt.set(d, now);
    // Forget what can no longer hold anything up (a long session must not grow this).
    for (const [x, at] of this.finishedAt) if (x.aborted || now - at > SETTLE_MS) this.finishedAt.delete(x);
    for (const x of this.busy) if (x.aborted) this.busy.delete(x);
    this.schedule();
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const go of [...this.waiting.values()]) go();
  }

  private schedule(): void {
    if (this.timer || this.waiting.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      for (const [d, go] of [...this.waiting]) if (this.mayGo(d)) go();
      this.schedule();
    }, POLL_MS);
  }

  private mayGo(d: D): boolean {
    if (d.aborted || d.failed || !this.host.nearlyFull()) return true;
    const order = this.host.timeline();
    const rank = (x: D) => {
      const i = order.indexOf(x);
      return i < 0 ? order.length + x.id : i; // prefetches after the timeline, oldest first
    };
    const mine = rank(d);
    const now = performance.now();
    const before = [...this.busy, ...this.waiting.keys(), ...this.finishedAt.keys()].filter(
      (x) => x !== d && !x.aborted && !x.failed && rank(x) < mine,
    );
    const holding = before.some(
      (x) => this.busy.has(x) || this.waiting.has(x) || now - (this.finishedAt.get(x) ?? -Infinity) < SETTLE_MS,
    );
    return !holding || this.host.ahead() - this.host.transferSeconds(d) >= SPARE_SECONDS;
  }
}
