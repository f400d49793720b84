/**
 * Call `callback` once, the first time `video` plays with at least `seconds` buffered ahead
 * of its playhead (checked on `timeupdate` and `progress`, never on a timer of its own).
 * Returns a function that stops watching.
 *
 * The overlay uses it to start its renderer ahead of the first choice: pixi's parse and
 * WebGL set-up are a long task (a few hundred ms on a software GL), which must neither delay
 * the first frame nor drain a thin buffer (started at the first frame, it stalled playback
 * on a loaded 2-core machine).
 *
 * @example
 * const stop = whenBufferedAhead(video, 2, () => startRenderer());
 */
export function whenBufferedAhead(video: HTMLVideoElement, seconds: number, callback: () => void): () => void {
  const types = ['timeupdate', 'progress'] as const;
  const stop = (): void => {
    for (const type of types) video.removeEventListener(type, check);
  };
  function check(): void {
    if (video.paused || bufferedAhead(video) < seconds) return;
    stop();
    callback();
  }
  for (const type of types) video.addEventListener(type, check);
  check();
  return stop;
}

/** Seconds buffered ahead of the playhead, in the range that holds it (0 when none does). */
function bufferedAhead(video: HTMLVideoElement): number {
  const t = video.currentTime;
  for (let i = 0; i < video.buffered.length; i++)
    if (video.buffered.start(i) <= t + 0.05 && t < video.buffered.end(i)) return video.buffered.end(i) - t;
  return 0;
}
