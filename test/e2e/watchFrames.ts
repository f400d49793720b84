/** What `watchFrames` saw: every presented frame's wall-clock time, and every `waiting`. */
export interface FrameWatch {
  /** performance.now() of each presented frame. */
  readonly frames: number[];
  /** performance.now() of each `waiting` event. */
  readonly waits: number[];
  /** Wall-clock gaps between consecutive frames longer than `overMs`, in order, ms. */
  gaps(overMs: number): number[];
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
  let stopped = false;
  const onFrame = (now: number): void => {
    if (stopped) return;
    frames.push(now);
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
    stop() {
      stopped = true;
      video.removeEventListener('waiting', onWaiting);
    },
  };
}
