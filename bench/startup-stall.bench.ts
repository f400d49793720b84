// `npx tsx bench/startup-stall.bench.ts [--runs 3] [--networks 1.2,cable]`: the start-up rule's
// trade-off (ADR 0011, "Start-up and rebuffering"): time to first frame and to playing against
// stalls, the Offshoot player (the built bundle, a one-segment story) against bare hls.js
// (default config, play() at MANIFEST_PARSED) on the same clip in the same run: the ladder's
// 360p rendition (8 s of ~1.1 Mbps in 1 s fragments), a clip that nearly fills 1.2 Mbps.
// Measured from the media element: first frame = the first requestVideoFrameCallback,
// playing = the first frame past it (media time moved), stalls = `waiting` after that, frozen
// = their total time; all from the page's first script. Each run a fresh context, HTTP cache
// off, DevTools throttling; the two pages alternate. Budgets (exit 1, medians): at 8 Mbps ours
// waits from first frame to playing at most 100 ms longer than bare hls.js (the start-up rule
// costs nothing on a link with room; the first frame's own budget is bench/startup.bench.ts);
// on every network ours stalls no more often than bare hls.js. Needs `npm run build` and `npm run media`.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import type { NetworkProfile } from './support/networkProfiles.js';
import { applyNetworkProfile, networkProfiles } from './support/networkProfiles.js';
import { fmt, printTable } from './support/printTable.js';
import type { Row } from './support/printTable.js';
import { median } from './support/quantile.js';
import { startStaticServer } from './support/staticServer.js';
import { oneSegmentStory } from './support/videoPages.js';

const CLIP = { url: '/media/ladder/360p/media.m3u8', seconds: 8 };
const NETWORKS: { [name: string]: NetworkProfile } = {
  '1.2': { name: '1.2 Mbps / 80 ms', downMbps: 1.2, upMbps: 1, latencyMs: 80 },
  cable: { ...networkProfiles.cable!, name: '8 Mbps / 80 ms' },
};
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(arg('runs') ?? 3);
const networks = (arg('networks') ?? '1.2,cable').split(',').map((n) => NETWORKS[n]!);

/** What a page records, ms from its first script. */
interface PageRecord {
  first: number | null;
  playing: number | null;
  stalls: number;
  frozenMs: number;
  ended: boolean;
  errors: string[];
}

const RECORDER = `
window.__rec = { t0: performance.now(), first: null, playing: null, stalls: 0, frozenMs: 0, ended: false, errors: [] };
function track(video) {
  const rec = window.__rec;
  let firstMedia = null;
  let waitingAt = null;
  const onFrame = (now, meta) => {
    if (rec.first === null) { rec.first = meta.presentationTime - rec.t0; firstMedia = meta.mediaTime; }
    else if (rec.playing === null && meta.mediaTime > firstMedia + 0.001) rec.playing = meta.presentationTime - rec.t0;
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  video.addEventListener('waiting', () => { if (rec.playing !== null && waitingAt === null) { rec.stalls++; waitingAt = performance.now(); } });
  video.addEventListener('playing', () => { if (waitingAt !== null) { rec.frozenMs += performance.now() - waitingAt; waitingAt = null; } });
  video.addEventListener('ended', () => (rec.ended = true));
}`;
const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench: start-up and stalls</title>
<script>${RECORDER}</script><style>body{margin:0}#stage{width:640px;height:360px;position:relative}video{width:640px;height:360px}</style>
</head><body><div id="stage"></div><script type="module">${body}</script></body></html>`;
const ours = page(`
const stage = document.getElementById('stage');
const watch = new MutationObserver(() => { const v = stage.querySelector('video'); if (v) { watch.disconnect(); track(v); } });
watch.observe(stage, { childList: true, subtree: true });
const { createPlayer } = await import('/dist/offshoot.bundle.mjs');
await createPlayer(stage, { story: '/story.json', autoplay: true, muted: true,
  on: { error: (e) => e.fatal && window.__rec.errors.push(e.code + ': ' + e.message), ended: () => (window.__rec.ended = true) } });`);
const bare = page(`
const { default: Hls } = await import('/hls/hls.min.mjs');
const video = document.createElement('video');
video.muted = true; video.playsInline = true;
document.getElementById('stage').append(video);
track(video);
const hls = new Hls();
hls.on(Hls.Events.ERROR, (_e, d) => d.fatal && window.__rec.errors.push(d.type + ': ' + d.details));
hls.on(Hls.Events.MANIFEST_PARSED, () => video.play().catch((e) => window.__rec.errors.push('play(): ' + e.message)));
hls.attachMedia(video);
hls.loadSource(${JSON.stringify(CLIP.url)});`);

async function runOnce(browser: Browser, url: string, network: NetworkProfile): Promise<PageRecord> {
  const context = await browser.newContext({ viewport: { width: 960, height: 540 } });
  try {
    const p = await context.newPage();
    await applyNetworkProfile(await context.newCDPSession(p), network);
    await p.goto(url);
    const deadline = Date.now() + (CLIP.seconds * 5 + 30) * 1000;
    for (;;) {
      await p.waitForTimeout(250);
      const rec = await p.evaluate(() => (window as unknown as { __rec: PageRecord }).__rec);
      if (rec.errors.length) throw new Error(`${url}: ${rec.errors.join(' | ')}`);
      if (rec.ended || Date.now() > deadline) return rec;
    }
  } finally {
    await context.close();
  }
}

if (!existsSync('dist/offshoot.bundle.mjs')) throw new Error('dist/offshoot.bundle.mjs is missing: run npm run build');
const server = await startStaticServer(
  { '/dist/': 'dist', '/media/': 'test/media', '/hls/': 'node_modules/hls.js/dist' },
  { '/ours.html': ours, '/bare.html': bare, '/story.json': JSON.stringify(oneSegmentStory(CLIP.url, CLIP.seconds)) },
);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`[startup-stall] ${RUNS} runs per page and network; load average at start: ${load()} (2 cores)`);
const browser = await chromium.launch(chromiumLaunchOptions);
const rows: Row[] = [];
const misses: string[] = [];
try {
  for (const network of networks) {
    const runs: { bare: PageRecord[]; ours: PageRecord[] } = { bare: [], ours: [] };
    for (let i = 0; i < RUNS; i++)
      for (const name of i % 2 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const))
        runs[name].push(await runOnce(browser, `${server.origin}/${name}.html`, network));
    const m = (name: 'bare' | 'ours', f: (r: PageRecord) => number) => median(runs[name].map(f));
    for (const name of ['bare', 'ours'] as const) {
      console.log(`[startup-stall] ${network.name} ${name}: ${JSON.stringify(runs[name])}`);
      rows.push([
        `${network.name}, ${name === 'bare' ? 'bare hls.js' : 'Offshoot'}`,
        fmt(m(name, (r) => r.first ?? Infinity)),
        fmt(m(name, (r) => r.playing ?? Infinity)),
        runs[name].map((r) => r.stalls).join('/'),
        fmt(m(name, (r) => r.frozenMs)),
        runs[name].every((r) => r.ended) ? 'yes' : 'NO',
      ]);
    }
    const wait = (name: 'bare' | 'ours') => m(name, (r) => (r.playing ?? Infinity) - (r.first ?? 0));
    rows.push([
      `${network.name}, ours − bare`,
      '',
      `${wait('ours') >= wait('bare') ? '+' : ''}${fmt(wait('ours') - wait('bare'))} (first frame → playing)`,
      '',
      '',
      '',
    ]);
    if (m('ours', (r) => r.stalls) > m('bare', (r) => r.stalls))
      misses.push(`${network.name}: more stalls than bare hls.js (median)`);
    if (network.downMbps >= 8 && wait('ours') - wait('bare') > 100)
      misses.push(
        `${network.name}: ${fmt(wait('ours') - wait('bare'))} ms longer from first frame to playing (budget 100)`,
      );
  }
} finally {
  await browser.close();
  await server.close();
}
printTable(
  [`network, page (median of ${RUNS})`, 'first frame ms', 'playing ms', 'stalls (each run)', 'frozen ms', 'ended'],
  rows,
);
console.log(`[startup-stall] load average at end: ${load()}`);
for (const miss of misses) console.log(`[startup-stall] MISS ${miss}`);
process.exitCode = misses.length ? 1 : 0;
