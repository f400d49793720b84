import type { PlaybackStats } from './PlaybackEngine.js';
import type { PresentedFrame } from './FrameMonitor.js';

/**
 * Accumulates what the engine measured: startup, the frame gap at every splice, stalls.
 *
 * @example
 * const s = new StatsRecorder(); s.loadStarted(); s.firstFrame(); s.snapshot(video, held).startupMs;
 */
export class StatsRecorder {
  private loadAt = 0;
  private startupMs: number | null = null;
  private readonly boundaries: PlaybackStats['boundaries'] = [];
  private readonly splices: PlaybackStats['splices'] = [];
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
    this.boundaries.push({
      segmentId,
      wallGapMs: frame.at - previous.at,
      mediaGapMs: (frame.mediaTime - previous.mediaTime) * 1000,
      presentedDelta: frame.presentedFrames - previous.presentedFrames,
    });
  }

  spliced(segmentId: string, queuedToBufferedMs: number): void {
    this.splices.push({ segmentId, queuedToBufferedMs });
  }

  stall(durationMs: number): void {
    this.stallMs += durationMs;
  }

  waiting(): void {
    this.stalls++;
  }

  snapshot(video: HTMLVideoElement, held: PlaybackStats['held']): PlaybackStats {
    const quality = video.getVideoPlaybackQuality();
    return {
      startupMs: this.startupMs,
      maxBranchGapMs: Math.max(0, ...this.boundaries.map((b) => b.wallGapMs)),
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
