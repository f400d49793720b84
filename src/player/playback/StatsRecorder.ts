import type { PlaybackStats } from './PlaybackEngine.js';
import type { PresentedFrame } from './FrameMonitor.js';

/** How many boundaries and splices the stats list: the most recent ones. */
export const RECENT_STATS = 100;

/**
 * Accumulates what the engine measured: startup, the frame gap at every splice, stalls.
 * Totals and the worst gap cover the whole session; the per-boundary lists keep only the
 * last RECENT_STATS entries, so a session of thousands of branches holds a fixed amount.
 *
 * @example
 * const s = new StatsRecorder(); s.loadStarted(); s.firstFrame(); s.snapshot(video, held).startupMs;
 */
export class StatsRecorder {
  private loadAt = 0;
  private startupMs: number | null = null;
  private readonly boundaries: PlaybackStats['boundaries'] = [];
  private readonly splices: PlaybackStats['splices'] = [];
  private maxBranchGapMs = 0;
  private stalls = 0;
  private stallMs = 0;

  loadStarted(): void {
    this.loadAt = performance.now();
    this.startupMs = null;
  }

  get started(): boolean {
    return this.startupMs !== null;
  }

  firstFrame(): void {
    if (this.startupMs === null) this.startupMs = performance.now() - this.loadAt;
  }

  /** The last frame of one segment and the first of the next. */
  boundary(segmentId: string, previous: PresentedFrame, frame: PresentedFrame): void {
    const wallGapMs = frame.at - previous.at;
    this.maxBranchGapMs = Math.max(this.maxBranchGapMs, wallGapMs);
    keepRecent(this.boundaries, {
      segmentId,
      wallGapMs,
      mediaGapMs: (frame.mediaTime - previous.mediaTime) * 1000,
      presentedDelta: frame.presentedFrames - previous.presentedFrames,
    });
  }

  spliced(segmentId: string, queuedToBufferedMs: number): void {
    keepRecent(this.splices, { segmentId, queuedToBufferedMs });
  }

  stall(durationMs: number): void {
    this.stallMs += durationMs;
  }

  waiting(): void {
    this.stalls++;
  }

  /** Everything but what the ABR reports (renditions, throughput: createAbr). */
  snapshot(video: HTMLVideoElement, held: PlaybackStats['held']): Omit<PlaybackStats, 'renditions' | 'throughput'> {
    const quality = video.getVideoPlaybackQuality();
    return {
      startupMs: this.startupMs,
      maxBranchGapMs: this.maxBranchGapMs,
      boundaries: this.boundaries.map((b) => ({ ...b })),
      splices: this.splices.map((b) => ({ ...b })),
      stalls: this.stalls,
      stallMs: this.stallMs,
      droppedVideoFrames: quality.droppedVideoFrames,
      totalVideoFrames: quality.totalVideoFrames,
      held,
    };
  }
}

function keepRecent<T>(list: T[], entry: T): void {
  list.push(entry);
  if (list.length > RECENT_STATS) list.splice(0, list.length - RECENT_STATS);
}
