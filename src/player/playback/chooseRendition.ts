/** One rung of a ladder as the choice sees it. */
export interface RenditionOption {
  /** Peak bits per second (the variant's BANDWIDTH, audio included). */
  bandwidth: number;
  /** Picture height in pixels; 0 when the playlist does not say. */
  height: number;
}

/** What the choice of the next fragment's rendition depends on. */
export interface RenditionInput {
  /** Throughput estimate, bits/s; null before any download was timed. */
  estimateBps: number | null;
  /** Index of the rendition the segment is on now; undefined for its first fragment. */
  current?: number;
  /** Seconds of media downloaded ahead of the playhead (the timeline's, prefetches aside). */
  bufferAheadSeconds: number;
  /** Whether the picture is playing (buffer rules only matter then). */
  playing: boolean;
  /** Duration of the fragment being chosen, seconds. */
  fragmentSeconds: number;
  /** Device pixels the picture is shown at (height); undefined: no cap. */
  maxHeight?: number;
  /**
   * The latest download came from the HTTP cache (or a 304), so it measured nothing: with no
   * estimate, try one rendition above `current`, whose download then crosses the network (or
   * is in the cache too, and the next choice goes on up).
   */
  probeUp?: boolean;
  /**
   * The media ahead is short because the playlist lists nothing more yet, not because of the
   * link: the fragment was listed only after its fetch had downloaded everything listed and
   * waited for the playlist to grow (a segment still rendering). Then EMERGENCY_SECONDS does not
   * apply (a lighter rendition would not list sooner, and costs picture); the download-time test
   * still does.
   */
  listingLimited?: boolean;
}

/** An upswitch needs the rendition to use at most this share of the estimate (hls.js: 0.7). */
export const UP_FACTOR = 0.7;
/** The rendition in use is kept while it needs at most this share (the band in between is hysteresis; hls.js: 0.95). */
export const DOWN_FACTOR = 0.9;
/** Below this much media ahead while playing, the next fragment is the lightest (emergency). */
export const EMERGENCY_SECONDS = 1.5;
/** With this much ahead, a rendition the estimate still carries (factor 1) is kept. */
export const COMFORT_SECONDS = 10;

/**
 * The rendition (index into `options`, which are sorted lightest first) for the next
 * fragment. Rules, in order:
 * 1. Box cap: nothing taller than the smallest rendition that fills `maxHeight`.
 * 2. First pick before anything was measured: the lightest allowed (a guess that is too high
 *    stalls the very first seconds; starting low costs one or two fragments of a lower
 *    picture, since the choice is made again at every fragment). Cache probe: still
 *    unmeasured, but the latest fragment came from the HTTP cache (`probeUp`): one rendition
 *    above the current one, unless the picture plays with under EMERGENCY_SECONDS ahead.
 * 3. Emergency: playing with less than EMERGENCY_SECONDS ahead (unless `listingLimited`: the
 *    render, not the link, holds the media back), or the next fragment at the current
 *    rendition would take longer to download than the media ahead lasts: the lightest.
 * 4. Up: the best rendition that needs at most UP_FACTOR of the estimate, and (inside a
 *    segment) whose fragment would arrive before the buffer ahead runs out.
 * 5. Hold (hysteresis): a lower target does not switch down while the current rendition needs
 *    at most DOWN_FACTOR of the estimate, or at most all of it with COMFORT_SECONDS ahead.
 *
 * @example
 * chooseRendition([{ bandwidth: 4e5, height: 240 }, { bandwidth: 2.8e6, height: 720 }],
 *   { estimateBps: 20e6, current: 0, bufferAheadSeconds: 3, playing: true, fragmentSeconds: 1 }); // 1
 */
export function chooseRendition(options: readonly RenditionOption[], input: RenditionInput): number {
  const allowed = cappedCount(options, input.maxHeight);
  const lightest = 0;
  const { estimateBps: estimate, current, bufferAheadSeconds: ahead, playing } = input;
  if (estimate === null || estimate <= 0) {
    if (!input.probeUp || current === undefined) return lightest;
    if (playing && ahead < EMERGENCY_SECONDS) return Math.min(current, allowed - 1);
    return Math.min(current + 1, allowed - 1);
  }
  const downloadSeconds = (i: number) => (input.fragmentSeconds * options[i]!.bandwidth) / estimate;
  const shortAhead = ahead < EMERGENCY_SECONDS && !input.listingLimited;
  if (current !== undefined && playing && (shortAhead || downloadSeconds(current) > ahead)) return lightest;
  let target = lightest;
  for (let i = 0; i < allowed; i++) {
    // A segment's first fragment is needed when the segment is reached, not from this buffer
    // (a prefetch, or a restart with nothing listed yet): the estimate alone decides it.
    const arrivesInTime = !playing || current === undefined || downloadSeconds(i) < ahead;
    if (options[i]!.bandwidth <= estimate * UP_FACTOR && arrivesInTime) target = i;
  }
  if (current === undefined || current >= allowed || target >= current) return target;
  const need = options[current]!.bandwidth;
  if (need <= estimate * DOWN_FACTOR || (ahead >= COMFORT_SECONDS && need <= estimate)) return current;
  return target;
}

/** How many of the lightest-first options the box allows: none taller than the first that fills `maxHeight`. */
function cappedCount(options: readonly RenditionOption[], maxHeight: number | undefined): number {
  if (!maxHeight) return options.length;
  const filling = options.filter((o) => o.height >= maxHeight).map((o) => o.height);
  if (filling.length === 0) return options.length;
  const cap = Math.min(...filling);
  let count = 1;
  options.forEach((o, i) => {
    if (o.height <= cap) count = i + 1;
  });
  return count;
}
