import { quantile } from './quantile.js';

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
  /** Per boundary, the callback gap divided by the video frames presented in it: how long each picture stayed up. */
  branchFrameHoldMedianMs: number;
  branchFrameHoldWorstMs: number;
  /** Median interval between frame callbacks (the page's rendering cadence; a busy main thread makes it coarse). */
  callbackIntervalMedianMs: number;
  /** Video frames presented per second of wall clock (presentedFrames, counted by the compositor). */
  presentedFps: number;
  /** Boundaries where one picture stayed up over 2.5 frame durations (a visible freeze). */
  visibleFreezes: number;
  stalls: number;
  stallMs: number;
  /** start → first frame, ms. */
  startupMs: number | null;
  droppedFrames: number;
  decodedFrames: number;
  frameCallbacks: number;
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
  // presentedFrames restarts when media is reloaded (the naive swap): then all of it is new.
  const shown = (i: number) => (f[i]![2] > f[i - 1]![2] ? f[i]![2] - f[i - 1]![2] : f[i]![2]);
  const intervals = f.slice(1).map((_, j) => interval(j + 1));
  const gaps: number[] = [];
  const holds: number[] = [];
  const near: number[] = [];
  let presented = 0;
  for (let i = 1; i < f.length; i++) presented += shown(i);
  const frameMs = presented > 0 ? (f[f.length - 1]![0] - f[0]![0]) / presented : 0;
  for (let i = 1; i < f.length; i++) {
    if (f[i]![3] <= f[i - 1]![3]) continue;
    gaps.push(interval(i));
    holds.push(interval(i) / Math.max(1, shown(i)));
    let worst = 0;
    for (let j = Math.max(1, i - 2); j <= Math.min(f.length - 1, i + 3); j++) worst = Math.max(worst, interval(j));
    near.push(worst);
  }
  const nominalFrameMs = 1000 / 30; // the test clips are 30 fps
  return {
    boundaries: gaps.length,
    branchGapMedianMs: quantileOr0(gaps, 0.5),
    branchGapP90Ms: quantileOr0(gaps, 0.9),
    branchGapWorstMs: Math.max(0, ...gaps),
    nearBoundaryWorstMs: Math.max(0, ...near),
    branchFrameHoldMedianMs: quantileOr0(holds, 0.5),
    branchFrameHoldWorstMs: Math.max(0, ...holds),
    callbackIntervalMedianMs: quantileOr0(intervals, 0.5),
    presentedFps: frameMs > 0 ? 1000 / frameMs : 0,
    visibleFreezes: holds.filter((h) => h > 2.5 * nominalFrameMs).length,
    stalls: rec.stalls,
    stallMs: rec.stallMs,
    startupMs: rec.firstFrameAt === null ? null : rec.firstFrameAt - rec.startedAt,
    droppedFrames: rec.dropped,
    decodedFrames: rec.decoded,
    frameCallbacks: f.length,
  };
}

/** A run with no boundaries (or no frames) has nothing to summarise: its row shows 0. */
const quantileOr0 = (values: number[], q: number): number => (values.length === 0 ? 0 : quantile(values, q));
