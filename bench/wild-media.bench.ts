// `npx tsx bench/wild-media.bench.ts [--only name,name] [--networks cable,1.2,none] [--repeat 3] [--plain]`: plays media as
// encoders and catalogs make it (issue 11) through a three-segment story in chromium with the
// real player (the built bundle), each packaging between two clips of its own container, and
// prints per variant and network, measured from the media element (bench/support/wildMediaPage):
// the worst frame gap at the two seams against the median gap elsewhere in the same run,
// skipped frames, `waiting` count, audio present and gapless (its SourceBuffers' ranges) and
// the renditions shown over time. Networks: 8 Mbps / 80 ms (the design's `cable`), 1.2 Mbps /
// 80 ms, and unthrottled for the ladder; each run --repeat times (medians: a loaded machine drops
// frames anywhere). A variant the player refuses prints "refused: code".
// Budgets (exit 1 on a miss): every played variant at 8 Mbps has 0 waiting and its seams within
// one frame of the gaps elsewhere; every played variant at 1.2 Mbps has 0 waiting (the issue's
// "no stall at 1.2 Mbps": holds since the overlay's renderer download waits for the link, ADR
// 0011, "The overlay waits for the link") and the ladder there shows mostly its lowest
// rendition; unthrottled, the ladder shows its top rendition that fits the 1280×720 box within
// two fragments: from its third fragment (index 2) at the latest. Needs `npm run build` and `npm run media`.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import type { NetworkProfile } from './support/networkProfiles.js';
import { applyNetworkProfile, networkProfiles } from './support/networkProfiles.js';
import { fmt, printTable } from './support/printTable.js';
import { median } from './support/quantile.js';
import type { Row } from './support/printTable.js';
import { startStaticServer } from './support/staticServer.js';
import { summarizeWildRun } from './support/summarizeWildRun.js';
import { wildMediaPage } from './support/wildMediaPage.js';
import type { WildPageRecord } from './support/wildMediaPage.js';

interface Variant {
  name: string;
  /** [clip folder under test/media, seconds] for the three segments. */
  chain: Array<[string, number]>;
  /** The middle segment is a ladder: its lowest and top-that-fits heights. */
  ladder?: { lowest: number; top: number };
}

const FMP4 = (clip: string, seconds = 3): Variant['chain'] => [
  ['a', 3],
  [clip, seconds],
  ['b', 3],
];
const TS = (clip: string): Variant['chain'] => [
  ['bframes-ts', 3],
  [clip, 3],
  ['bframes-ts', 3],
];
const VARIANTS: Variant[] = [
  {
    name: 'fMP4 -bf 0 (baseline)',
    chain: [
      ['a', 3],
      ['c', 3],
      ['b', 3],
    ],
  },
  { name: 'fMP4 x264 B-frames', chain: FMP4('bframes') },
  { name: 'MPEG-TS (ffmpeg)', chain: TS('bframes-ts') },
  { name: 'MPEG-TS (GStreamer)', chain: TS('gst-ts') },
  // Two ladder segments: every fragment is the ABR's choice (a 1 Mbps contract clip around it
  // would measure that clip at 1.2 Mbps, not the ladder), and the seam is a ladder seam.
  {
    name: '240/360/720p ladder',
    chain: [
      ['ladder', 8],
      ['ladder', 8],
    ],
    ladder: { lowest: 240, top: 720 },
  },
  {
    name: 'MPEG-TS 240/360/720p ladder',
    chain: [
      ['ladder-ts', 8],
      ['ladder-ts', 8],
    ],
    ladder: { lowest: 240, top: 720 },
  },
  { name: 'alt audio (EXT-X-MEDIA)', chain: FMP4('alt-audio') },
  { name: 'alt audio MPEG-TS (Apple layout)', chain: TS('beep-ts-alt') },
  { name: 'alt audio packed AAC (Apple layout)', chain: TS('beep-ts-packed') },
  { name: 'alt audio AES-128 MPEG-TS (Apple layout)', chain: TS('beep-ts-aes') },
  {
    name: 'subtitles (WebVTT)',
    chain: [
      ['a', 3],
      ['subs-a', 3],
      ['subs-b', 3],
    ],
  },
  { name: 'AES-128 fMP4', chain: FMP4('aes-fmp4') },
  { name: 'AES-128 MPEG-TS', chain: TS('aes-ts') },
  { name: 'HEVC + H.264 master (H.264 here)', chain: FMP4('hevc-h264') },
];
const NETWORKS: Record<string, NetworkProfile> = {
  cable: networkProfiles.cable!,
  '1.2': { name: '1.2 Mbps', downMbps: 1.2, upMbps: 1, latencyMs: 80 },
  none: networkProfiles.none!,
};

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]?.split(',') : undefined;
};
const only = arg('only');
const networks = arg('networks') ?? ['cable', '1.2', 'none'];
/** Runs per variant and network: the table gives medians (a loaded machine drops frames anywhere). */
const repeat = Number(arg('repeat')?.[0] ?? 3);

function story(v: Variant): object {
  const ids = v.chain.map((_, i) => `s${i}`);
  return {
    offshoot: 1,
    id: 'wild-media-bench',
    title: v.name,
    start: 's0',
    state: {},
    segments: Object.fromEntries(
      v.chain.map(([clip, seconds], i) => [
        ids[i],
        {
          media: `/media/${clip}/index.m3u8`,
          duration: seconds,
          ...(i < ids.length - 1 ? { next: ids[i + 1] } : { end: true }),
        },
      ]),
    ),
  };
}

async function play(browser: Browser, url: string, network: NetworkProfile, seconds: number): Promise<WildPageRecord> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    await applyNetworkProfile(await context.newCDPSession(page), network);
    await page.goto(url);
    const read = () => page.evaluate(() => (window as unknown as { __wild?: () => WildPageRecord }).__wild?.());
    const deadline = Date.now() + (seconds * 4 + 30) * 1000;
    for (;;) {
      await page.waitForTimeout(250);
      const rec = await read();
      if (rec && (rec.ended || rec.errors.some((e) => e.fatal) || Date.now() > deadline)) return rec;
    }
  } finally {
    await context.close();
  }
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
if (!existsSync('dist/offshoot.bundle.mjs')) throw new Error('dist/offshoot.bundle.mjs is missing: run npm run build');
const variants = VARIANTS.filter((v) => !only || only.some((o) => v.name.toLowerCase().includes(o.toLowerCase())));
const documents = Object.fromEntries(
  variants.flatMap((v, i) => [
    [`/story/${i}.json`, JSON.stringify(story(v))],
    [`/page/${i}.html`, wildMediaPage('/dist/offshoot.bundle.mjs', `/story/${i}.json`)],
  ]),
);
// The player's JS and the playlists go compressed by Accept-Encoding, as any CDN or host
// serves them (--plain: uncompressed, as before; the pixi chunks are then ~3x the bytes).
const compress = !process.argv.includes('--plain');
const server = await startStaticServer({ '/dist/': 'dist', '/media/': 'test/media' }, documents, { compress });
const browser = await chromium.launch(chromiumLaunchOptions);
console.log(
  `[wild-media] load average at start: ${load()} (${variants.length} variants, networks ${networks.join(', ')}, ${compress ? 'JS and playlists compressed' : '--plain: nothing compressed'})`,
);
const rows: Row[] = [];
const misses: string[] = [];
try {
  for (const network of networks.map((n) => NETWORKS[n]!)) {
    for (const [i, v] of variants.entries()) {
      if (network.name === 'none' && !v.ladder) continue; // unthrottled only says something about ABR
      const durations = v.chain.map(([, s]) => s);
      const total = durations.reduce((a, b) => a + b, 0);
      const label = `${v.name} @ ${network.name}`;
      // The ladder window is the whole story (every segment is the ladder): from the first pick on.
      const ladder = v.ladder ? { from: 0, to: total, ...v.ladder } : undefined;
      const runs: Array<ReturnType<typeof summarizeWildRun> & { ended: boolean }> = [];
      let refused: WildPageRecord['errors'][number] | undefined;
      for (let r = 0; r < repeat && !refused; r++) {
        const rec = await play(browser, `${server.origin}/page/${i}.html`, network, total);
        refused = rec.errors.find((e) => e.code === 'segment-failed' || e.fatal);
        if (!refused) runs.push({ ...summarizeWildRun(rec, durations, ladder), ended: rec.ended });
      }
      if (refused) {
        rows.push([label, `refused: ${refused.code}${refused.cause ? ` (${refused.cause})` : ''}`]);
        console.log(`[wild-media] ${label}: ${refused.message}`);
        if (v.name.includes('baseline')) misses.push(`${label}: the baseline was refused`);
        continue;
      }
      console.log(
        `[wild-media] ${label}: seam excess ${runs.map((x) => fmt(x.seamExcessMs)).join('/')} ms, waiting at media s ${JSON.stringify(runs.map((x) => x.waitingAt.map((t) => Number(t.toFixed(2)))))}`,
      );
      const mid = (f: (s: (typeof runs)[number]) => number) => median(runs.map(f));
      const all = (f: (s: (typeof runs)[number]) => number) => runs.map((s) => fmt(f(s))).join('/');
      // The run with the median seam excess stands for the variant in the seam and rendition columns.
      const byExcess = [...runs].sort((a, b) => a.seamExcessMs - b.seamExcessMs);
      const s = byExcess[Math.floor((byExcess.length - 1) / 2)]!;
      const topFragment = (x: (typeof runs)[number]) =>
        x.ladder?.topAt == null ? Infinity : Math.floor(x.ladder.topAt - ladder!.from + 0.001);
      const shown = s.renditions.map(([h, t]) => `${h}p@${t.toFixed(1)}`).join(' ');
      const ladderCell = s.ladder
        ? `${Math.round(mid((x) => x.ladder!.lowestShare) * 100)}% at ${v.ladder!.lowest}p; ${v.ladder!.top}p from fragment ${runs.map((x) => (Number.isFinite(topFragment(x)) ? String(topFragment(x)) : 'never')).join('/')}`
        : '';
      rows.push([
        label,
        s.seamGapsMs.map((g) => fmt(g)).join(' / '),
        `${fmt(mid((x) => x.elsewhereMedianMs))} / ${fmt(mid((x) => x.elsewhereMaxMs))}`,
        all((x) => x.seamExcessMs),
        all((x) => x.skipped),
        all((x) => x.waiting),
        `${s.audio}${s.audio === 'none' ? '' : runs.every((x) => x.audioGapless) ? ', gapless' : ', GAPS'}`,
        runs.every((x) => x.ended) ? 'yes' : 'NO',
        `${shown}${ladderCell ? ` (${ladderCell})` : ''}`,
      ]);
      const miss = (why: string) => misses.push(`${label}: ${why}`);
      if (!runs.every((x) => x.ended)) miss('a run never ended');
      const frameMs = mid((x) => x.elsewhereMedianMs);
      if (network.name === 'cable') {
        if (mid((x) => x.waiting) > 0) miss(`median ${mid((x) => x.waiting)} waiting`);
        if (mid((x) => x.seamExcessMs) > frameMs + 2)
          miss(`median seam gap ${fmt(mid((x) => x.seamExcessMs))} ms over the median frame gap (budget: one frame)`);
      }
      if (network.name === '1.2 Mbps') {
        if (mid((x) => x.waiting) > 0) miss(`median ${mid((x) => x.waiting)} waiting`);
        if (ladder && mid((x) => x.ladder!.lowestShare) < 0.5) miss(`under half of the ladder at ${v.ladder!.lowest}p`);
      }
      if (network.name === 'none' && ladder && mid(topFragment) > 2)
        miss(`${v.ladder!.top}p not on screen by the ladder's third fragment (median)`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
printTable(
  [
    'variant @ network',
    'seam gaps ms',
    'gaps elsewhere p50 / max',
    'seam excess ms',
    'skipped',
    'waiting',
    'audio',
    'ended',
    'renditions shown (height@media s)',
  ],
  rows,
);
console.log(`[wild-media] load average at end: ${load()}`);
for (const m of misses) console.log(`[wild-media] MISS ${m}`);
process.exitCode = misses.length > 0 ? 1 : 0;
