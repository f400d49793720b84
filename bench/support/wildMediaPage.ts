// The wild-media bench's page: the Offshoot player (createPlayer from the bundle) on a story
// in a 1280×720 box, autoplay, muted. It records from the media element, not the player's
// stats: every presented frame (requestVideoFrameCallback: media time, presentedFrames, the
// picture's height), `waiting` after the first frame, each SourceBuffer's type and buffered
// ranges (audio and video apart: hls.js puts transmuxed TS in two), and the player's events.
// `window.__wild()` returns the record (WildPageRecord).

/** One presented frame: its media time (s), the element's presentedFrames, the picture's height. */
export interface WildFrame {
  mediaTime: number;
  presented: number;
  height: number;
}

/** What the page returns. */
export interface WildPageRecord {
  frames: WildFrame[];
  /** Media times of `waiting` events after the first frame. */
  waiting: number[];
  errors: Array<{ code: string; cause?: string; message: string; fatal: boolean }>;
  segments: Array<{ segmentId: string; mediaTime: number }>;
  buffers: Array<{ type: string; ranges: Array<[number, number]> }>;
  dropped: number;
  ended: boolean;
  currentTime: number;
}

/**
 * The page's HTML: `bundleUrl` is the player's ES bundle, `storyUrl` the story to play.
 *
 * @example
 * startStaticServer({ '/dist/': 'dist' }, { '/wild.html': wildMediaPage('/dist/offshoot.bundle.mjs', '/s/ts.json') });
 */
export function wildMediaPage(bundleUrl: string, storyUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>bench: wild media</title>
<style>body{margin:0;background:#000}#stage{width:1280px;height:720px;position:relative}</style></head>
<body><div id="stage"></div>
<script type="module">
const rec = { frames: [], waiting: [], errors: [], segments: [], ended: false };
const buffers = [];
const add = MediaSource.prototype.addSourceBuffer;
MediaSource.prototype.addSourceBuffer = function (type) {
  const buffer = add.call(this, type);
  buffers.push({ type, buffer });
  return buffer;
};
let video = null;
const track = (v) => {
  video = v;
  v.addEventListener('waiting', () => rec.frames.length > 0 && rec.waiting.push(v.currentTime));
  const onFrame = (_now, meta) => {
    rec.frames.push({ mediaTime: meta.mediaTime, presented: meta.presentedFrames, height: v.videoHeight });
    v.requestVideoFrameCallback(onFrame);
  };
  v.requestVideoFrameCallback(onFrame);
};
const stage = document.getElementById('stage');
const watch = new MutationObserver(() => {
  const v = stage.querySelector('video');
  if (v) { watch.disconnect(); track(v); }
});
watch.observe(stage, { childList: true, subtree: true });
const ranges = (b) => {
  const out = [];
  try { for (let i = 0; i < b.buffered.length; i++) out.push([b.buffered.start(i), b.buffered.end(i)]); } catch {}
  return out;
};
window.__wild = () => ({
  ...rec,
  buffers: buffers.map((b) => ({ type: b.type, ranges: ranges(b.buffer) })),
  dropped: video ? video.getVideoPlaybackQuality().droppedVideoFrames : 0,
  currentTime: video ? video.currentTime : 0,
});
const { createPlayer } = await import(${JSON.stringify(bundleUrl)});
await createPlayer(stage, {
  story: ${JSON.stringify(storyUrl)},
  autoplay: true,
  muted: true,
  on: {
    error: (e) => rec.errors.push({ code: e.code, cause: e.cause, message: e.message, fatal: e.fatal }),
    segmentstart: (e) => rec.segments.push({ segmentId: e.segmentId, mediaTime: video ? video.currentTime : 0 }),
    ended: () => (rec.ended = true),
  },
}).catch((e) => rec.errors.push({ code: e.code ?? 'create-failed', message: e.message, fatal: true }));
</script>
</body>
</html>
`;
}
