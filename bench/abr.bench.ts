// Adaptive bitrate benchmark (issue 11, ADR 0011): the Offshoot player plays a story of three
// `ladder` segments (240p / 360p / 720p, aligned 1 s fragments, 24 s in all) in a 1280×720
// stage, at 1.2 Mbps / 40 ms and unthrottled, with the per-fragment choice and, as the
// baseline in the same run, the choice the engine made before: once per segment, at its first
// fragment, from a 2 Mbps first guess (emulated with the engine options abr: 'per-segment'
// and defaultBandwidthBps: 2e6).
//
//   npx tsx bench/abr.bench.ts [--runs 1] [--dist dist]
//
// Per run, measured from the media element (requestVideoFrameCallback, `waiting`): stalls,
// renditions shown over time (height from media time on), the media time the top rendition
// that fits the box (720p) was first shown, and the share of frames at 240p. Targets for the
// per-fragment runs: no stall; unthrottled, 720p within two fragments (by 2.0 s of media); at
// 1.2 Mbps, mostly the lowest rendition (over half the frames at 240p). Exits 1 when one is
// missed. Needs `npm run build` and `npm run media`.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import { applyNetworkProfile } from './support/networkProfiles.js';
import type { NetworkProfile } from './support/networkProfiles.js';
import { fmt, printTable } from './support/printTable.js';
import type { Row } from './support/printTable.js';
import { startStaticServer } from './support/staticServer.js';
import { abrPage, linearStory } from './support/abrPage.js';
import type { AbrPageRecord } from './support/abrPage.js';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
};
const RUNS = Number(flag('runs', '1'));
const DIST = flag('dist', 'dist');
const SEGMENTS = 3;
const SECONDS = 8;
const TOP = 720;
const LOWEST = 240;
/** Within two 1 s fragments (and half a frame). */
const TOP_WITHIN_S = 2 + 1 / 60;
const NETWORKS: NetworkProfile[] = [
  { name: '1.2 Mbps / 40 ms', downMbps: 1.2, upMbps: 1, latencyMs: 40 },
  { name: 'unthrottled', downMbps: Infinity, upMbps: Infinity, latencyMs: 0 },
];
const MODES = [
  { name: 'per fragment', query: '' },
  { name: 'baseline: per segment, 2 Mbps guess', query: '?abr=per-segment&guess=2000000' },
];

interface Run {
  network: string;
  mode: string;
  stalls: number;
  /** Media times of the `waiting` events. */
  waitingAt: number[];
  shown: Array<{ height: number; from: number }>;
  topAt: number | null;
  lowestShare: number;
  estimateBps: number | null;
  errors: string[];
}

async function main(): Promise<void> {
  if (!existsSync(`${DIST}/offshoot.bundle.mjs`))
    throw new Error(`${DIST}/offshoot.bundle.mjs is missing: run npm run build`);
  if (!existsSync('test/media/ladder/index.m3u8')) throw new Error('test/media/ladder is missing: run `npm run media`');
  const server = await startStaticServer(
    { '/dist/': DIST, '/media/': 'test/media' },
    {
      '/abr/page.html': abrPage('/dist/offshoot.bundle.mjs', '/abr/story.json'),
      '/abr/story.json': JSON.stringify(linearStory('/media/ladder/index.m3u8', SECONDS, SEGMENTS)),
      '/favicon.ico': '',
    },
  );
  console.log(`abr bench: ${RUNS} run(s) per network and mode, load ${loadavg()[0]!.toFixed(1)} (2 cores)`);
  const browser = await chromium.launch(chromiumLaunchOptions);
  const runs: Run[] = [];
  try {
    for (let i = 0; i < RUNS; i++)
      for (const network of NETWORKS)
        for (const mode of MODES) {
          const run = await playOnce(browser, `${server.origin}/abr/page.html${mode.query}`, network, mode.name);
          runs.push(run);
          const at = run.waitingAt.map((t) => t.toFixed(2)).join(', ');
          console.log(
            `- ${network.name}, ${mode.name}: ${describe(run.shown)}; stalls ${run.stalls}${at ? ` at ${at} s` : ''}`,
          );
        }
  } finally {
    await browser.close();
    await server.close();
  }
  const missed = report(runs);
  console.log(`\nload average at the end: ${loadavg()[0]!.toFixed(1)} (2 cores)`);
  if (missed.length) {
    console.error(`abr targets missed: ${missed.join('; ')}`);
    process.exit(1);
  }
}

async function playOnce(browser: Browser, url: string, network: NetworkProfile, mode: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await applyNetworkProfile(await context.newCDPSession(page), network);
    await page.goto(url);
    const rec = await page
      .waitForFunction(
        () => {
          const r = (window as unknown as { __abr?: AbrPageRecord }).__abr;
          return r && (r.ended || r.errors.length > 0) ? r : null;
        },
        null,
        { timeout: 120_000, polling: 250 },
      )
      .then((h) => h.jsonValue() as Promise<AbrPageRecord>)
      .catch((error: Error) => {
        throw new Error(
          `${url}: did not end within 120 s (${error.message}); page errors: ${pageErrors.join(' | ') || 'none'}`,
        );
      });
    const shown: Run['shown'] = [];
    for (const f of rec.frames)
      if (shown.at(-1)?.height !== f.height) shown.push({ height: f.height, from: f.mediaTime });
    const lowest = rec.frames.filter((f) => f.height === LOWEST).length;
    return {
      network: network.name,
      mode,
      stalls: rec.waiting.length,
      waitingAt: rec.waiting,
      shown,
      topAt: shown.find((s) => s.height === TOP)?.from ?? null,
      lowestShare: rec.frames.length ? lowest / rec.frames.length : 0,
      estimateBps: rec.playback?.throughput.bps ?? null,
      errors: [...rec.errors, ...pageErrors],
    };
  } finally {
    await context.close();
  }
}

function describe(shown: Run['shown']): string {
  return shown.map((s) => `${s.height}p@${s.from.toFixed(1)}`).join(' → ') || 'nothing shown';
}

/** Print the table; returns the targets missed by per-fragment runs (and any error). */
function report(runs: Run[]): string[] {
  const missed: string[] = [];
  const rows: Row[] = runs.map((r) => {
    const ours = r.mode === MODES[0]!.name;
    const slow = r.network !== 'unthrottled';
    const verdicts: string[] = [];
    if (r.errors.length) verdicts.push(`errors: ${r.errors.join(' | ')}`);
    if (ours && r.stalls > 0) verdicts.push('stalled');
    if (ours && !slow && !(r.topAt !== null && r.topAt <= TOP_WITHIN_S)) verdicts.push('720p not within 2 fragments');
    if (ours && slow && !(r.lowestShare > 0.5)) verdicts.push('not mostly 240p');
    if (verdicts.length) missed.push(`${r.network}, ${r.mode}: ${verdicts.join(', ')}`);
    return [
      `${r.network}, ${r.mode}`,
      String(r.stalls),
      describe(r.shown),
      r.topAt === null ? 'never' : fmt(r.topAt, 1),
      `${Math.round(r.lowestShare * 100)}%`,
      fmt(r.estimateBps === null ? null : r.estimateBps / 1e6, 1),
      ours ? verdicts.join(', ') || 'ok' : 'baseline',
    ];
  });
  console.log('');
  printTable(
    [
      'network, choice',
      'stalls',
      'renditions shown (height@media s)',
      '720p from, s',
      'frames at 240p',
      'estimate, Mbps',
      'verdict',
    ],
    rows,
  );
  return missed;
}

main().catch((error: unknown) => {
  console.error('[abr bench] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
