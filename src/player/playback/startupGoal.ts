/** What the start-up rule weighs. */
export interface StartupInput {
  /** Bits per second of the media being played (its fragments' bytes over their duration). */
  mediaBps: number;
  /** Throughput estimate, bits/s; null before any download was timed. */
  estimateBps: number | null;
  /** Duration of the timeline's fragments, seconds (the least that can be waited for). */
  fragmentSeconds: number;
}

/**
 * The media rate is multiplied by this before it is set against the estimate. The estimate is
 * the transfer alone (Resource Timing's responseStart → responseEnd): each fragment's round
 * trip, a segment's playlists and init section, and the options prefetched for a choice use
 * the link too, and one estimate moves by ±10 % from fragment to fragment. Measured at
 * 1.2 Mbps / 80 ms with ~1 Mbps media in 1 s fragments (bench/wild-media.bench.ts): round
 * trips alone take ~10 % of the link.
 */
export const LINK_SHARE_MARGIN = 1.5;
/** Seconds of playback the banked media must carry without a stall (a short story's length). */
export const HORIZON_SECONDS = 10;
/** Most media waited for before playing, seconds: past this, waiting costs more than a stall. */
export const MAX_STARTUP_SECONDS = 4;

/**
 * Seconds of media to have ahead before playback starts (or resumes): one fragment, as hls.js
 * does, when the link carries the media with room to spare; more when it barely does. With
 * `ratio` = media rate × LINK_SHARE_MARGIN / throughput above 1, the download falls behind
 * playback by (1 − 1/ratio) of every second played, so playing HORIZON_SECONDS without a
 * stall needs HORIZON_SECONDS × (1 − 1/ratio) banked first; bounded by MAX_STARTUP_SECONDS.
 * Before anything is measured, one fragment (nothing to weigh).
 *
 * @example
 * startupGoal({ mediaBps: 1e6, estimateBps: 8e6, fragmentSeconds: 1 }); // 1: plenty of room
 * startupGoal({ mediaBps: 1e6, estimateBps: 1.2e6, fragmentSeconds: 1 }); // 2: a nearly full link
 */
export function startupGoal(input: StartupInput): number {
  const { mediaBps, estimateBps, fragmentSeconds } = input;
  const least = Math.max(0, fragmentSeconds);
  if (!estimateBps || estimateBps <= 0 || !(mediaBps > 0)) return least;
  const ratio = (mediaBps * LINK_SHARE_MARGIN) / estimateBps;
  const banked = ratio > 1 ? HORIZON_SECONDS * (1 - 1 / ratio) : 0;
  return Math.max(least, Math.min(MAX_STARTUP_SECONDS, banked));
}
