import { SPARE_SECONDS } from './LinkPriority.js';

/** What the rule reads from the engine. */
export interface LinkRoomHost {
  /** Whether the media being played needs most of the link (createAbr's `nearlyFull`). */
  nearlyFull(): boolean;
  /** Seconds of media listed past the playhead. */
  ahead(): number;
  /** The link's estimated throughput, bits per second. */
  estimateBps(): number;
  /** True when the timeline will download nothing more (ended, every fetch finished). */
  timelineDone(): boolean;
}

/**
 * Whether a download of `bytes` that is not media (the overlay's renderer code) may use the
 * link now without making the video wait: always on a link with room; on a link the media
 * nearly fills, only when the media ahead of the playhead covers the whole transfer at the
 * estimated rate (as if the media's own downloads stopped meanwhile) with SPARE_SECONDS to
 * spare, or when the timeline has nothing left to download. Measured: the overlay's ~525 KB
 * of pixi chunks took ~4.6 s of a 1.2 Mbps link and stretched 1 s fragments to 1.7-1.8 s, a
 * `waiting` at the third segment's seam (ADR 0011).
 *
 * @example
 * linkHasRoom({ nearlyFull: () => true, ahead: () => 2, estimateBps: () => 1.2e6, timelineDone: () => false }, 525_000); // false
 */
export function linkHasRoom(host: LinkRoomHost, bytes: number): boolean {
  if (!host.nearlyFull() || host.timelineDone()) return true;
  const bps = host.estimateBps();
  if (!(bps > 0)) return true;
  return host.ahead() >= (bytes * 8) / bps + SPARE_SECONDS;
}
