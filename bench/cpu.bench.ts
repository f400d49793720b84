// CPU benchmark: what plain playback (no choice on screen) costs in the Offshoot player against
// a bare hls.js page on the same 12 s clip (made here by ffmpeg), in the same run.
//
//   npx tsx bench/cpu.bench.ts [--runs 3] [--budget 1.5] [--seconds 8]
//                              [--dist dist] [--bundle /dist/offshoot.bundle.mjs]
//
// Each run is a fresh browser with one page. Once the first frame is 1.5 s old, two samples
// --seconds apart (wall clock) give, per second of playback:
// - main thread: Performance.getMetrics TaskDuration of the page (its renderer's main thread);
// - all processes: SystemInfo.getProcessInfo CPU time summed over every chromium process
//   (browser, GPU, renderer, network and media utilities);
// - presented frames: the video's requestVideoFrameCallback presentedFrames.
// Pages alternate run by run. Prints the medians and ratios; exits 1 when either CPU ratio is
// over --budget or the player presents under 90% of the bare page's frames.
import { mkdtempSync, rmSync, existsSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import { makeClip } from './support/makeClip.js';
import { fmt, printTable } from './support/printTable.js';
import { median } from './support/quantile.js';
import { startStaticServer } from './support/staticServer.js';
import { bareHlsPage, oneSegmentStory, playerPage } from './support/videoPages.js';
import type { VideoPageRecord } from './support/videoPages.js';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
};
const RUNS = Number(flag('runs', '3'));
const BUDGET = Number(flag('budget', '1.5'));
const SECONDS = Number(flag('seconds', '8'));
const DIST = flag('dist', 'dist');
const BUNDLE = flag('bundle', '/dist/offshoot.bundle.mjs');
const CLIP_SECONDS = 12;
/** The player must present at least this share of the bare page's frames. */
const MIN_FRAME_SHARE = 0.9;
const PAGES = ['bare', 'ours'] as const;
type PageName = (typeof PAGES)[number];

interface Cost {
  /** Page main thread busy, ms per second. */
  mainMsPerS: number;
  /** CPU of every chromium process, s per s. */
  allSPerS: number;
  /** Video frames presented per second. */
  fps: number;
}

async function main(): Promise<void> {
  const bundle = BUNDLE.replace(/^\/dist\//, `${DIST}/`);
  if (!existsSync(bundle) || statSync(bundle).size < 10_000) throw new Error(`${bundle} is missing: run npm run build`);
  const clipDir = mkdtempSync(join(tmpdir(), 'offshoot-cpu-bench-'));
  await makeClip(clipDir, CLIP_SECONDS);
  const url = '/clip/index.m3u8';
  const server = await startStaticServer(
    { '/dist/': DIST, '/clip/': clipDir, '/hls/': 'node_modules/hls.js/dist' },
    {
      '/cpu/ours.html': playerPage(BUNDLE, '/cpu/story.json'),
      '/cpu/bare.html': bareHlsPage('/hls/hls.min.mjs', url),
      '/cpu/story.json': JSON.stringify(oneSegmentStory(url, CLIP_SECONDS)),
      '/favicon.ico': '',
    },
  );
  console.log(
    `cpu bench: ${RUNS} runs per page, ${SECONDS} s of plain playback each, budget ${BUDGET}×, load ${loadavg()[0]!.toFixed(1)}`,
  );
  const runs: Record<PageName, Cost[]> = { bare: [], ours: [] };
  try {
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 ? [...PAGES].reverse() : PAGES;
      for (const page of order) {
        const cost = await measure(`${server.origin}/cpu/${page}.html`);
        runs[page].push(cost);
        console.log(
          `- ${page}: main thread ${cost.mainMsPerS.toFixed(0)} ms/s, all processes ${cost.allSPerS.toFixed(3)} s/s, ${cost.fps.toFixed(1)} frames/s`,
        );
      }
    }
  } finally {
    await server.close();
    rmSync(clipDir, { recursive: true, force: true });
  }
  const missed = report(runs);
  console.log(`\nload average at the end: ${loadavg()[0]!.toFixed(1)} (2 cores)`);
  if (missed.length) {
    console.error(`cpu budget missed: ${missed.join('; ')}`);
    process.exit(1);
  }
}

/** One page in a fresh browser: CPU and frames over SECONDS of playback after the first frame. */
async function measure(url: string): Promise<Cost> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 960, height: 540 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const system = await browser.newBrowserCDPSession();
    await page.goto(url);
    await page
      .waitForFunction(() => (window as unknown as { __rec?: VideoPageRecord }).__rec?.first != null, null, {
        timeout: 60_000,
      })
      .catch((error: Error) => {
        throw new Error(
          `${url}: no frame within 60 s (${error.message}); ${pageErrors.join(' | ') || 'no page error'}`,
        );
      });
    await page.waitForTimeout(1500);
    const sample = async () => {
      const [{ metrics }, { processInfo }, rec] = await Promise.all([
        cdp.send('Performance.getMetrics'),
        system.send('SystemInfo.getProcessInfo'),
        page.evaluate(() => ({ ...(window as unknown as { __rec: VideoPageRecord }).__rec, now: performance.now() })),
      ]);
      const task = metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
      const cpu = new Map(processInfo.map((p) => [`${p.type}:${p.id}`, p.cpuTime]));
      return { task, cpu, rec };
    };
    const a = await sample();
    await page.waitForTimeout(SECONDS * 1000);
    const b = await sample();
    const errors = [...b.rec.errors, ...pageErrors];
    if (errors.length) throw new Error(`${url}: ${errors.join(' | ')}`);
    const wall = (b.rec.now - a.rec.now) / 1000;
    let cpu = 0;
    // A process that started between the samples counts from zero.
    for (const [id, t] of b.cpu) cpu += t - (a.cpu.get(id) ?? 0);
    return {
      mainMsPerS: ((b.task - a.task) * 1000) / wall,
      allSPerS: cpu / wall,
      fps: (b.rec.presented - a.rec.presented) / wall,
    };
  } finally {
    await browser.close();
  }
}

/** Print the table; returns what missed its budget. */
function report(runs: Record<PageName, Cost[]>): string[] {
  const m = (p: PageName, k: keyof Cost) => median(runs[p].map((r) => r[k]));
  const missed: string[] = [];
  const row = (label: string, k: keyof Cost, digits: number, budget: number | null) => {
    const r = m('ours', k) / m('bare', k);
    const ok = budget === null ? r >= MIN_FRAME_SHARE : r <= budget;
    if (!ok) missed.push(`${label} ${r.toFixed(2)}×`);
    return [
      label,
      fmt(m('bare', k), digits),
      fmt(m('ours', k), digits),
      `${r.toFixed(2)}×`,
      budget === null ? `≥ ${MIN_FRAME_SHARE}×` : `≤ ${budget}×`,
      ok ? 'ok' : 'MISSED',
    ] as [string, ...string[]];
  };
  console.log('');
  printTable(
    [`per second of plain playback (median of ${RUNS})`, 'bare hls.js', 'ours', 'ours/bare', 'budget', 'verdict'],
    [
      row('page main thread busy, ms/s', 'mainMsPerS', 0, BUDGET),
      row('all chromium processes CPU, s/s', 'allSPerS', 3, BUDGET),
      row('video frames presented per s', 'fps', 1, null),
    ],
  );
  return missed;
}

main().catch((error: unknown) => {
  console.error('[cpu bench] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
