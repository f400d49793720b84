// Startup benchmark: the Offshoot player against a bare hls.js page on the same 4 s segment
// (test/media/intro), in the same run, unthrottled and at 8 Mbps / 80 ms.
//
//   npx tsx bench/startup.bench.ts [--runs 5] [--budget 1.2] [--networks none,cable]
//                                  [--dist dist] [--bundle /dist/offshoot.bundle.mjs]
//
// Startup = the page's first script (a classic script in <head>) → the first video frame
// presented (requestVideoFrameCallback's presentationTime). It includes fetching and evaluating
// the library, the story, the playlists and the first fragment. Each run is a fresh browser
// context with the HTTP cache off, throttled through the DevTools protocol; the two pages
// alternate (one warm-up of each first, not counted). Prints the median of --runs per page and
// their ratio, and exits 1 when a ratio is over --budget. Needs `npm run build` and `npm run media`.
import { existsSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import { applyNetworkProfile, networkProfile } from './support/networkProfiles.js';
import type { NetworkProfile } from './support/networkProfiles.js';
import { fmt, printTable } from './support/printTable.js';
import type { Row } from './support/printTable.js';
import { median } from './support/quantile.js';
import { startStaticServer } from './support/staticServer.js';
import { bareHlsPage, oneSegmentStory, playerPage } from './support/videoPages.js';
import type { VideoPageRecord } from './support/videoPages.js';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
};
const RUNS = Number(flag('runs', '5'));
const BUDGET = Number(flag('budget', '1.2'));
const NETWORKS = flag('networks', 'none,cable').split(',').map(networkProfile);
const DIST = flag('dist', 'dist');
const BUNDLE = flag('bundle', '/dist/offshoot.bundle.mjs');
const CLIP = { url: '/media/intro/index.m3u8', seconds: 4 };
const PAGES = ['bare', 'ours'] as const;
type PageName = (typeof PAGES)[number];

interface Start {
  /** First script → library evaluated, ms. */
  scriptMs: number;
  /** First script → first frame presented, ms. */
  firstFrameMs: number;
}

async function main(): Promise<void> {
  const bundle = BUNDLE.replace(/^\/dist\//, `${DIST}/`);
  if (!existsSync(bundle) || statSync(bundle).size < 10_000) throw new Error(`${bundle} is missing: run npm run build`);
  if (!existsSync('test/media/.complete')) throw new Error('test/media is not built: run `npm run media` first');
  const server = await startStaticServer(
    { '/dist/': DIST, '/media/': 'test/media', '/hls/': 'node_modules/hls.js/dist' },
    {
      '/startup/ours.html': playerPage(BUNDLE, '/startup/story.json'),
      '/startup/bare.html': bareHlsPage('/hls/hls.min.mjs', CLIP.url),
      '/startup/story.json': JSON.stringify(oneSegmentStory(CLIP.url, CLIP.seconds)),
      '/favicon.ico': '',
    },
  );
  const load = loadavg()[0]!.toFixed(1);
  console.log(`startup bench: ${RUNS} runs per page and network, budget ${BUDGET}×, load ${load}`);
  const browser = await chromium.launch(chromiumLaunchOptions);
  const results: Array<{ network: NetworkProfile; runs: Record<PageName, Start[]> }> = [];
  try {
    for (const network of NETWORKS) {
      const runs: Record<PageName, Start[]> = { bare: [], ours: [] };
      for (const page of PAGES) await startOnce(browser, `${server.origin}/startup/${page}.html`, network);
      for (let i = 0; i < RUNS; i++) {
        const order = i % 2 ? [...PAGES].reverse() : PAGES;
        for (const page of order)
          runs[page].push(await startOnce(browser, `${server.origin}/startup/${page}.html`, network));
      }
      results.push({ network, runs });
      const each = (p: PageName) => runs[p].map((r) => r.firstFrameMs.toFixed(0)).join(', ');
      console.log(`- ${network.name}: bare [${each('bare')}] ms, ours [${each('ours')}] ms`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const missed = report(results);
  console.log(`\nload average at the end: ${loadavg()[0]!.toFixed(1)} (2 cores)`);
  if (missed.length) {
    console.error(`startup budget ${BUDGET}× missed: ${missed.join('; ')}`);
    process.exit(1);
  }
}

/** One page load in a fresh context: first script → first presented frame. */
async function startOnce(browser: Browser, url: string, network: NetworkProfile): Promise<Start> {
  const context = await browser.newContext({ viewport: { width: 960, height: 540 } });
  try {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await applyNetworkProfile(await context.newCDPSession(page), network);
    await page.goto(url);
    const rec = await page
      .waitForFunction(
        () => {
          const r = (window as unknown as { __rec?: VideoPageRecord }).__rec;
          return r && (r.first !== null || r.errors.length > 0) ? r : null;
        },
        null,
        { timeout: 60_000, polling: 100 },
      )
      .then((h) => h.jsonValue() as Promise<VideoPageRecord>)
      .catch((error: Error) => {
        throw new Error(
          `${url}: no frame within 60 s (${error.message}); page errors: ${pageErrors.join(' | ') || 'none'}`,
        );
      });
    if (rec.errors.length || rec.first === null || rec.scriptReady === null)
      throw new Error(`${url}: ${rec.errors.join(' | ') || 'no first frame'}`);
    return { scriptMs: rec.scriptReady - rec.t0, firstFrameMs: rec.first - rec.t0 };
  } finally {
    await context.close();
  }
}

/** Print the table; returns the networks whose ratio is over budget. */
function report(results: Array<{ network: NetworkProfile; runs: Record<PageName, Start[]> }>): string[] {
  const missed: string[] = [];
  const rows: Row[] = [];
  for (const { network, runs } of results) {
    const m = (p: PageName, k: keyof Start) => median(runs[p].map((r) => r[k]));
    const r = m('ours', 'firstFrameMs') / m('bare', 'firstFrameMs');
    const name = network.name === 'none' ? 'unthrottled' : `${network.downMbps} Mbps / ${network.latencyMs} ms`;
    if (!(r <= BUDGET)) missed.push(`${name} ${r.toFixed(2)}×`);
    rows.push([
      name,
      fmt(m('bare', 'scriptMs')),
      fmt(m('ours', 'scriptMs')),
      fmt(m('bare', 'firstFrameMs')),
      fmt(m('ours', 'firstFrameMs')),
      `${r.toFixed(2)}×`,
      r <= BUDGET ? 'ok' : `over ${BUDGET}×`,
    ]);
  }
  console.log('');
  printTable(
    [
      `network (median of ${RUNS})`,
      'bare: library ready, ms',
      'ours: library ready, ms',
      'bare: first frame, ms',
      'ours: first frame, ms',
      'ours/bare',
      'verdict',
    ],
    rows,
  );
  return missed;
}

main().catch((error: unknown) => {
  console.error('[startup bench] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
