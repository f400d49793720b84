// A page for the ABR bench (bench/abr.bench.ts), and for H5's wild-media bench if useful: the
// Offshoot player from the bundle on a linear story, in a 1280×720 stage, recording from the
// media element what was shown: every presented frame's media time and height
// (requestVideoFrameCallback), `waiting` after the first frame, and at the end the player's own
// stats (rendition changes, throughput estimate). Engine options come from the query string:
// `?abr=per-segment&guess=2000000`.

/** What the page records in `window.__abr`. */
export interface AbrPageRecord {
  frames: Array<{ mediaTime: number; height: number }>;
  waiting: number[];
  errors: string[];
  ended: boolean;
  /** player.getStats().playback at the end. */
  playback: {
    renditions: Array<{ segmentId: string; height: number; bandwidth: number; mediaTime: number }>;
    throughput: { bps: number; measured: boolean; resourceTiming: number; fetch: number };
  } | null;
}

/**
 * The page: imports `bundleUrl`, plays `storyUrl` autoplay and muted in a 1280×720 stage.
 *
 * @example
 * startStaticServer({ '/dist/': 'dist' }, { '/abr.html': abrPage('/dist/offshoot.bundle.mjs', '/story.json') });
 */
export function abrPage(bundleUrl: string, storyUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>bench: ABR</title>
<style>body{margin:0;background:#000}#stage{width:1280px;height:720px;position:relative}</style></head>
<body>
<div id="stage"></div>
<script type="module">
const rec = (window.__abr = { frames: [], waiting: [], errors: [], ended: false, playback: null });
const query = new URLSearchParams(location.search);
const engine = {};
if (query.get('abr')) engine.abr = query.get('abr');
if (query.get('guess')) engine.defaultBandwidthBps = Number(query.get('guess'));
const { createPlayer } = await import(${JSON.stringify(bundleUrl)});
const stage = document.getElementById('stage');
const watch = new MutationObserver(() => {
  const video = stage.querySelector('video');
  if (!video) return;
  watch.disconnect();
  const onFrame = (now, meta) => {
    rec.frames.push({ mediaTime: meta.mediaTime, height: meta.height });
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  video.addEventListener('waiting', () => rec.frames.length > 0 && rec.waiting.push(video.currentTime));
});
watch.observe(stage, { childList: true, subtree: true });
const player = await createPlayer(stage, {
  story: ${JSON.stringify(storyUrl)},
  autoplay: true,
  muted: true,
  engine,
  on: {
    error: (e) => rec.errors.push(e.code + ': ' + e.message),
    ended: () => {
      rec.playback = player.getStats().playback ?? null;
      rec.ended = true;
    },
  },
});
</script>
</body>
</html>
`;
}

/**
 * A linear story of `count` segments, each playing `mediaUrl` (`seconds` long).
 *
 * @example
 * JSON.stringify(linearStory('/media/ladder/index.m3u8', 8, 3));
 */
export function linearStory(mediaUrl: string, seconds: number, count: number): object {
  const segments: Record<string, object> = {};
  for (let i = 1; i <= count; i++)
    segments[`s${i}`] = { media: mediaUrl, duration: seconds, ...(i < count ? { next: `s${i + 1}` } : { end: true }) };
  return { offshoot: 1, id: 'bench-abr', title: 'ABR ladder', start: 's1', state: {}, segments };
}
