/** What a bench page measured (bench/support/pages/measure.js), as it comes back from the page. */
export interface PageRecord {
  /** performance.now() when the page started the player, and at its first presented frame. */
  startedAt: number;
  firstFrameAt: number | null;
  stalls: number;
  stallMs: number;
  /** Every presented frame: wall clock (ms), media time (s), presentedFrames, planned step index. */
  frames: Array<[number, number, number, number]>;
  dropped: number;
  decoded: number;
}

/** One player's figures; every gap is a wall-clock interval between presented frames. */
export interface PlaybackSummary {
  /** Boundaries seen in the frames (the step index went up by one between two frames). */
  boundaries: number;
  branchGapMedianMs: number;
  branchGapP90Ms: number;
  branchGapWorstMs: number;
  /** Worst frame interval within 2 frames before to 3 after a boundary (catches a hiccup just after the splice). */
  nearBoundaryWorstMs: number;
  /** Median interval between frames over the whole run (the cadence a gap is compared with). */
  frameIntervalMedianMs: number;
  /** Boundaries whose gap exceeds 2.5 × the median frame interval (a visible freeze). */
  visibleFreezes: number;
  stalls: number;
  stallMs: number;
  /** start → first frame, ms. */
  startupMs: number | null;
  droppedFrames: number;
  decodedFrames: number;
  presentedFrames: number;
}

/**
 * The figures of one run, computed the same way for both players from the raw frames.
 *
 * @example
 * const s = summarizePlayback(rec); s.branchGapWorstMs;
 */
export function summarizePlayback(rec: PageRecord): PlaybackSummary {
  const f = rec.frames;
  const interval = (i: number) => f[i]![0] - f[i - 1]![0];
  const intervals = f.slice(1).map((_, j) => interval(j + 1));
  const gaps: number[] = [];
  const near: number[] = [];
  for (let i = 1; i < f.length; i++) {
    if (f[i]![3] <= f[i - 1]![3]) continue;
    gaps.push(interval(i));
    let worst = 0;
    for (let j = Math.max(1, i - 2); j <= Math.min(f.length - 1, i + 3); j++) worst = Math.max(worst, interval(j));
    near.push(worst);
  }
  const cadence = quantile(intervals, 0.5);
  return {
    boundaries: gaps.length,
    branchGapMedianMs: quantile(gaps, 0.5),
    branchGapP90Ms: quantile(gaps, 0.9),
    branchGapWorstMs: Math.max(0, ...gaps),
    nearBoundaryWorstMs: Math.max(0, ...near),
    frameIntervalMedianMs: cadence,
    visibleFreezes: gaps.filter((g) => g > 2.5 * cadence).length,
    stalls: rec.stalls,
    stallMs: rec.stallMs,
    startupMs: rec.firstFrameAt === null ? null : rec.firstFrameAt - rec.startedAt,
    droppedFrames: rec.dropped,
    decodedFrames: rec.decoded,
    presentedFrames: f.length,
  };
}

/** Linear-interpolated quantile (0 for an empty list). */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return s[lo]! + (s[hi]! - s[lo]!) * (at - lo);
}
