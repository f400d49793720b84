/** What `watchFrames` saw: every presented frame's wall-clock time, and every `waiting`. */
export interface FrameWatch {
  /** performance.now() of each presented frame. */
  readonly frames: number[];
  /** performance.now() of each `waiting` event. */
  readonly waits: number[];
  /** Wall-clock gaps between consecutive frames longer than `overMs`, in order, ms. */
  gaps(overMs: number): number[];
  /**
   * Video frames the compositor presented between the first and last callback (rVFC's
   * presentedFrames): how much video was shown, whatever the callback rate of a busy page.
   */
  presentedFrames(): number;
  stop(): void;
}

/**
 * Watch a video's presented frames with requestVideoFrameCallback (`waiting` misses short
 * holes, see DESIGN.md): a hold while a late branch renders is a gap between two frames.
 *
 * @example
 * const w = watchFrames(video); ...; expect(Math.max(0, ...w.gaps(250))).toBeLessThan(10_000);
 */
export function watchFrames(video: HTMLVideoElement): FrameWatch {
  const frames: number[] = [];
  const waits: number[] = [];
  const presented: number[] = [];
  let stopped = false;
  const onFrame = (now: number, meta: VideoFrameCallbackMetadata): void => {
    if (stopped) return;
    frames.push(now);
    presented.push(meta.presentedFrames);
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  const onWaiting = (): void => void waits.push(performance.now());
  video.addEventListener('waiting', onWaiting);
  return {
    frames,
    waits,
    gaps(overMs) {
      const out: number[] = [];
      for (let i = 1; i < frames.length; i++)
        if (frames[i]! - frames[i - 1]! > overMs) out.push(Math.round(frames[i]! - frames[i - 1]!));
      return out;
    },
    presentedFrames() {
      // presentedFrames restarts if the element loads new media: add up the rises.
      let n = presented.length > 0 ? 1 : 0;
      for (let i = 1; i < presented.length; i++)
        n += presented[i]! > presented[i - 1]! ? presented[i]! - presented[i - 1]! : presented[i]!;
      return n;
    },
    stop() {
      stopped = true;
      video.removeEventListener('waiting', onWaiting);
    },
  };
}
