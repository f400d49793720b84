// Two minimal pages that play one HLS clip, for the startup and CPU benches: the Offshoot player
// (createPlayer from the bundle, a one-segment story) and a bare hls.js page (the full minified
// build with its default config, MANIFEST_PARSED → play(): what a site embedding a plain video
// would write). Both record the same things the same way, in `window.__rec`:
//   t0           performance.now() in the page's first script (a classic script in <head>)
//   scriptReady  the library (bundle or hls.js) fetched and evaluated
//   first        presentationTime of the first video frame (requestVideoFrameCallback)
//   presented    the element's presentedFrames so far (frames handed to the compositor)
//   errors       player / hls.js errors
// Served as in-memory documents by bench/support/staticServer.ts.

/** What a page records (see above); times are the page's performance.now() ms. */
export interface VideoPageRecord {
  t0: number;
  scriptReady: number | null;
  first: number | null;
  presented: number;
  callbacks: number;
  errors: string[];
}

// Shared by both pages: watches `video` with requestVideoFrameCallback from before its first frame.
const RECORDER = `
const rec = window.__rec;
function track(video) {
  const onFrame = (now, meta) => {
    if (rec.first === null) rec.first = meta.presentationTime;
    rec.presented = meta.presentedFrames;
    rec.callbacks++;
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}`;

const head = (title: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<script>window.__rec = { t0: performance.now(), scriptReady: null, first: null, presented: 0, callbacks: 0, errors: [] };</script>
<style>body{margin:0;background:#000}#stage{width:640px;height:360px;position:relative}video{width:640px;height:360px}</style>
</head>
<body>
<div id="stage"></div>`;

/**
 * The Offshoot page: imports `bundleUrl`, then `createPlayer` on `storyUrl` with autoplay, muted
 * and the default controls, as the README's embed does.
 *
 * @example
 * startStaticServer({ '/dist/': 'dist' }, { '/ours.html': playerPage('/dist/offshoot.bundle.mjs', '/story.json') });
 */
export function playerPage(bundleUrl: string, storyUrl: string): string {
  return `${head('bench: Offshoot player')}
<script type="module">
${RECORDER}
const { createPlayer } = await import(${JSON.stringify(bundleUrl)});
rec.scriptReady = performance.now();
const stage = document.getElementById('stage');
// The player appends its <video> synchronously inside createPlayer: track it before any frame.
const watch = new MutationObserver(() => {
  const video = stage.querySelector('video');
  if (video) { watch.disconnect(); track(video); }
});
watch.observe(stage, { childList: true, subtree: true });
window.__player = await createPlayer(stage, {
  story: ${JSON.stringify(storyUrl)},
  autoplay: true,
  muted: true,
  on: { error: (e) => rec.errors.push(e.code + ': ' + e.message) },
});
</script>
</body>
</html>
`;
}

/**
 * The baseline page: a `<video>` and hls.js from `hlsUrl` (default config) on `playlistUrl`.
 *
 * @example
 * startStaticServer({ '/hls/': 'node_modules/hls.js/dist' }, { '/bare.html': bareHlsPage('/hls/hls.min.mjs', '/media/intro/index.m3u8') });
 */
export function bareHlsPage(hlsUrl: string, playlistUrl: string): string {
  return `${head('bench: bare hls.js')}
<script type="module">
${RECORDER}
const { default: Hls } = await import(${JSON.stringify(hlsUrl)});
rec.scriptReady = performance.now();
const video = document.createElement('video');
video.muted = true;
video.playsInline = true;
document.getElementById('stage').append(video);
track(video);
const hls = new Hls();
hls.on(Hls.Events.ERROR, (_e, d) => d.fatal && rec.errors.push(d.type + ': ' + d.details));
hls.on(Hls.Events.MANIFEST_PARSED, () => video.play().catch((e) => rec.errors.push('play(): ' + e.message)));
hls.attachMedia(video);
hls.loadSource(${JSON.stringify(playlistUrl)});
window.__hls = hls;
</script>
</body>
</html>
`;
}

/**
 * A story of one segment that plays `mediaUrl` (`seconds` long) and ends: no choice, no captions.
 *
 * @example
 * JSON.stringify(oneSegmentStory('/media/intro/index.m3u8', 4));
 */
export function oneSegmentStory(mediaUrl: string, seconds: number): object {
  return {
    offshoot: 1,
    id: 'bench-one-segment',
    title: 'One segment',
    start: 'clip',
    state: {},
    segments: { clip: { media: mediaUrl, duration: seconds, end: true } },
  };
}
