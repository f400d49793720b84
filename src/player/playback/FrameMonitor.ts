/** A frame as requestVideoFrameCallback reports it. */
export interface PresentedFrame {
  /** Wall clock when the frame is shown, ms (expectedDisplayTime). */
  at: number;
  mediaTime: number;
  presentedFrames: number;
}

/** Who listens to frames: the engine turns them into segment starts, stats and clock ticks. */
export type FrameListener = (frame: PresentedFrame, previous: PresentedFrame | null) => void;

/**
 * Watches every presented frame of a `<video>` with requestVideoFrameCallback, the only
 * reliable way to see short holes (`waiting` misses them).
 *
 * @example
 * const m = new FrameMonitor(video, (frame, prev) => console.log(frame.mediaTime));
 * m.destroy();
 */
export class FrameMonitor {
  private handle = 0;
  private previous: PresentedFrame | null = null;
  private stopped = false;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly listener: FrameListener,
  ) {
    this.schedule();
  }

  /** Forget the previous frame (after a seek or a new timeline): no gap across it. */
  reset(): void {
    this.previous = null;
  }

  destroy(): void {
    this.stopped = true;
    this.video.cancelVideoFrameCallback(this.handle);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.handle = this.video.requestVideoFrameCallback((_now, meta) => {
      const frame = { at: meta.expectedDisplayTime, mediaTime: meta.mediaTime, presentedFrames: meta.presentedFrames };
      const previous = this.previous;
      this.previous = frame;
      this.schedule();
      this.listener(frame, previous);
    });
  }
}
