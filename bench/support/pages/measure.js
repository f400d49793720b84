// In-page measurement, the same for both players (bench/playback.bench.ts): every presented
// frame through requestVideoFrameCallback (wall clock, media time, which planned segment it
// belongs to), `waiting` events after the first frame and how long the picture stayed
// frozen, and dropped frames (summed across media loads, which reset Chromium's counters).
// The page says which segment a frame belongs to (`segmentOf`); Node does the arithmetic.

/**
 * @param {HTMLVideoElement} video
 * @param {(mediaTime: number) => number} segmentOf planned step index of a frame
 */
export function createRecorder(video, segmentOf) {
  /** @type {Array<[number, number, number, number]>} at, mediaTime, presentedFrames, step */
  const frames = [];
  const waits = [];
  const rec = { startedAt: 0, firstFrameAt: null, stalls: 0, stallMs: 0, frames, waits, dropped: 0, decoded: 0 };
  let waitingSince = null;
  let handle = 0;
  let base = { dropped: 0, total: 0 };
  let beforeLoad = null;

  const onFrame = (_now, meta) => {
    if (rec.firstFrameAt === null) rec.firstFrameAt = performance.now();
    frames.push([meta.expectedDisplayTime, meta.mediaTime, meta.presentedFrames, segmentOf(meta.mediaTime)]);
    if (beforeLoad) {
      // A new media load resets the element's playback-quality counters: keep what was counted.
      const q = video.getVideoPlaybackQuality();
      if (q.totalVideoFrames < beforeLoad.total)
        base = { dropped: base.dropped + beforeLoad.dropped, total: base.total + beforeLoad.total };
      beforeLoad = null;
    }
    handle = video.requestVideoFrameCallback(onFrame);
  };
  const watch = () => {
    video.cancelVideoFrameCallback(handle);
    handle = video.requestVideoFrameCallback(onFrame);
  };
  watch();
  video.addEventListener('loadstart', watch);
  video.addEventListener('waiting', () => {
    if (rec.firstFrameAt === null) return;
    rec.stalls++;
    waits.push({ at: performance.now(), mediaTime: video.currentTime, step: segmentOf(video.currentTime) });
    waitingSince ??= performance.now();
  });
  const resumed = () => {
    if (waitingSince === null) return;
    rec.stallMs += performance.now() - waitingSince;
    waitingSince = null;
  };
  video.addEventListener('playing', resumed);

  return {
    rec,
    /** Call right before the page loads new media into the element (the naive swap). */
    noteMediaLoad() {
      const q = video.getVideoPlaybackQuality();
      beforeLoad = { dropped: q.droppedVideoFrames, total: q.totalVideoFrames };
    },
    /** Everything measured, as plain data. */
    finish() {
      resumed();
      video.cancelVideoFrameCallback(handle);
      const q = video.getVideoPlaybackQuality();
      rec.dropped = base.dropped + q.droppedVideoFrames;
      rec.decoded = base.total + q.totalVideoFrames;
      return rec;
    },
  };
}

/** Calls `fn` on every animation frame until the returned stop function is called. */
export function each(fn) {
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    fn();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return () => {
    stopped = true;
  };
}
