// Soak benchmark: one player through hundreds of branch transitions in headless chromium,
// checking that nothing accumulates. Same looping story and static server as the playback
// bench; the page (bench/support/pages/soak.js) chooses as soon as each window opens and
// plays the video `--rate` times faster, so 500 transitions take minutes, not half an hour.
//
//   npx tsx bench/soak.bench.ts [transitions=500] [--rate 4] [--seed 1] [--every 100]
//
// Needs `npx rollup -c` (dist/offshoot.bundle.mjs) and `npm run media` (test/media).
// Samples at the first segment, at the baseline (50 transitions), every `--every` transitions
// and at the end: JS heap after a forced GC (CDP HeapProfiler.collectGarbage +
// Runtime.getHeapUsage), DOM nodes and JS event listeners (CDP Memory.getDOMCounters), live
// WebGL textures (what pixi holds on the GPU; counted in the page), the video's buffered
// ranges (count, seconds) and the engine's `getStats().playback.held`. Growth is measured
// from the baseline, not from the start (the first transitions fill caches and pools that
// then stay), and printed per 100 transitions with a verdict against the budget below. Exits 1
// when anything grows past its budget or the page logged an error.
// At the baseline and the end it also takes a heap snapshot and splits the heap into the
// page's data and V8's compiled code (which the optimising compiler keeps adding to for
// a long time), with what grew most: a leak shows in the data, by name.
import { existsSync, statSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import { benchStory } from './support/benchStory.js';
import { heapBreakdown, topGrowth } from './support/heapBreakdown.js';
import { judgeGrowth } from './support/judgeGrowth.js';
import type { GrowthBudget } from './support/judgeGrowth.js';
import type { HeapBreakdown } from './support/heapBreakdown.js';
import { fmt, printTable } from './support/printTable.js';
import type { Row } from './support/printTable.js';
import { startStaticServer } from './support/staticServer.js';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
};
const TRANSITIONS = Number(argv.find((a, i) => /^\d+$/.test(a) && !argv[i - 1]?.startsWith('--')) ?? '500');
const RATE = Number(flag('rate', '4'));
const SEED = Number(flag('seed', '1'));
const EVERY = Number(flag('every', '100'));
const BASELINE = Math.min(50, Math.floor(TRANSITIONS / 4));

/**
 * The budget, from what the product must achieve rather than from the last measurement: a
 * viewer may leave a branching short running for hours, so a session of 2,000 transitions
 * (over 2 h of 4 s segments) may add at most 2 MB to the page's own data (objects, arrays,
 * strings, from the heap snapshots: where a leak shows): 100 KB per 100 transitions. The
 * whole JS heap is printed but not judged: the rest of it is V8's compiled code, which the
 * optimiser keeps adding to for a long time (bounded by the program, not by the session; in a
 * 150-transition run it is most of the growth) and flushes on its own.
 */
const DATA_BYTES_PER_100 = 100 * 1000;
/**
 * Counts must not grow at all: a count that grows by one per transition is a leak however
 * small. The slack is only the sampling noise (a count sampled mid-transition may be off by
 * one segment's worth), and is checked against end − baseline, not per 100 transitions.
 */
const SLACK = { domNodes: 50, listeners: 20, liveTextures: 4, ranges: 2, bufferedSeconds: 10, heldFragments: 10 };

interface Sample {
  label: string;
  transitions: number;
  heapBytes: number;
  domNodes: number;
  listeners: number;
  liveTextures: number;
  ranges: number;
  bufferedSeconds: number;
  heldFragments: number;
  heldSeconds: number;
  stalls: number;
  /** Taken at the baseline and the end only (a snapshot takes seconds). */
  heap?: HeapBreakdown;
}

interface PageSample {
  transitions: number;
  liveTextures: number;
  ranges: number;
  bufferedSeconds: number;
  held: { listedFragments: number; bufferedSeconds: number } | null;
  stalls: number;
}

async function sample(page: Page, cdp: CDPSession, label: string): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const s = await page.evaluate(() => (window as unknown as { __soak: { sample(): PageSample } }).__soak.sample());
  return {
    label,
    transitions: s.transitions,
    heapBytes: usedSize,
    domNodes: dom.nodes,
    listeners: dom.jsEventListeners,
    liveTextures: s.liveTextures,
    ranges: s.ranges,
    bufferedSeconds: s.bufferedSeconds,
    heldFragments: s.held?.listedFragments ?? 0,
    heldSeconds: s.held?.bufferedSeconds ?? 0,
    stalls: s.stalls,
  };
}

async function snapshotHeap(cdp: CDPSession): Promise<HeapBreakdown> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }): void => void chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return heapBreakdown(JSON.parse(chunks.join('')));
}

async function main(): Promise<void> {
  if (!existsSync('dist/offshoot.bundle.mjs') || statSync('dist/offshoot.bundle.mjs').size < 10_000)
    throw new Error('dist/offshoot.bundle.mjs is missing: run `npx rollup -c` first');
  if (!existsSync('test/media/.complete')) throw new Error('test/media is not built: run `npm run media` first');
  // The plan's walk is not used: the page chooses for itself. The story is the playback bench's loop.
  const { story } = benchStory({
    mediaDir: 'test/media',
    mediaUrl: '/media',
    transitions: 1,
    seed: SEED,
    marginSeconds: 0.5,
  });
  const server = await startStaticServer(
    { '/dist/': 'dist', '/media/': 'test/media', '/pages/': 'bench/support/pages' },
    { '/bench/story.json': JSON.stringify(story), '/favicon.ico': '' },
  );
  console.log(`soak bench: ${TRANSITIONS} transitions at ${RATE}× speed, seed ${SEED}, baseline after ${BASELINE}`);
  const browser = await chromium.launch(chromiumLaunchOptions);
  const started = Date.now();
  const samples: Sample[] = [];
  const errors: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 960, height: 540 } });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const cdp = await page.context().newCDPSession(page);
    await page.goto(`${server.origin}/pages/soak.html?rate=${RATE}&transitions=${TRANSITIONS}&seed=${SEED}`);
    await page.waitForFunction(() => (window as unknown as { __soakReady?: boolean }).__soakReady, null, {
      timeout: 60_000,
    });
    const marks = [
      0,
      BASELINE,
      ...Array.from({ length: Math.floor(TRANSITIONS / EVERY) }, (_, i) => (i + 1) * EVERY).filter(
        (t) => t > BASELINE && t < TRANSITIONS,
      ),
    ];
    for (const mark of marks) {
      const limit = Date.now() + 120_000 + (mark / RATE) * 8_000;
      let state = { transitions: 0, ended: false };
      for (;;) {
        state = await page.evaluate(
          () => (window as unknown as { __soak: { state: { transitions: number; ended: boolean } } }).__soak.state,
        );
        if (state.transitions >= mark || state.ended) break;
        if (Date.now() > limit)
          throw new Error(
            `stuck at ${state.transitions} transitions (waiting for ${mark}); page errors: ${errors.slice(0, 3).join(' | ') || 'none'}`,
          );
        await page.waitForTimeout(250);
      }
      const s = await sample(page, cdp, mark === 0 ? 'start' : mark === BASELINE ? 'baseline' : `at ${mark}`);
      if (mark === BASELINE) s.heap = await snapshotHeap(cdp);
      samples.push(s);
      console.log(
        `  ${s.label}: ${s.transitions} transitions, heap ${(s.heapBytes / 1e6).toFixed(2)} MB, ${s.domNodes} nodes, ${s.liveTextures} textures (${Math.round((Date.now() - started) / 1000)} s)`,
      );
    }
    // The end: the last choice took the way out; sample while the ending plays, before `ended` tears anything down.
    const endBy = Date.now() + 120_000 + (TRANSITIONS / RATE) * 8_000;
    for (;;) {
      const t = await page.evaluate(
        () => (window as unknown as { __soak: { state: { transitions: number; ended: boolean } } }).__soak.state,
      );
      if (t.transitions >= TRANSITIONS) break;
      // A run that ends early (a choice timed out to the way out) or stops moving fails, never hangs.
      if (t.ended || Date.now() > endBy)
        throw new Error(
          `${t.ended ? 'the story ended' : 'stuck'} at ${t.transitions} of ${TRANSITIONS} transitions; page errors: ${errors.slice(0, 3).join(' | ') || 'none'}`,
        );
      await page.waitForTimeout(250);
    }
    const last = await sample(page, cdp, 'end');
    last.heap = await snapshotHeap(cdp);
    samples.push(last);
    const state = await page.evaluate(
      () => (window as unknown as { __soak: { state: { errors: string[]; defaults: number } } }).__soak.state,
    );
    errors.push(...state.errors);
    console.log(
      `  ${state.defaults} choices timed out to the default (the page chooses at once; under load a window can close first)`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
  const failures = report(samples, (Date.now() - started) / 1000, errors);
  if (failures.length > 0) {
    console.error(`SOAK FAILED: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
}

/** Prints the table; returns what missed the budget (empty: the soak passed). */
function report(samples: Sample[], seconds: number, errors: string[]): string[] {
  const base = samples.find((s) => s.label === 'baseline')!;
  const end = samples.at(-1)!;
  // `per100`: the budget is on growth per 100 transitions; `total`: on end − baseline (counts).
  const metrics: ({ name: string; get: (s: Sample) => number; digits: number } & GrowthBudget)[] = [
    {
      name: 'JS heap, MB (after GC)',
      get: (s) => s.heapBytes / 1e6,
      digits: 2,
      tolerance: Infinity,
      on: 'per100',
    },
    {
      name: '  of it data (snapshot), MB',
      get: (s) => (s.heap ? s.heap.dataBytes / 1e6 : Number.NaN),
      digits: 2,
      tolerance: DATA_BYTES_PER_100 / 1e6,
      on: 'per100',
    },
    {
      name: '  of it compiled code (snapshot), MB',
      get: (s) => (s.heap ? s.heap.codeBytes / 1e6 : Number.NaN),
      digits: 2,
      tolerance: Infinity,
      on: 'per100',
    },
    { name: 'DOM nodes', get: (s) => s.domNodes, digits: 0, tolerance: SLACK.domNodes, on: 'total' },
    { name: 'JS event listeners', get: (s) => s.listeners, digits: 0, tolerance: SLACK.listeners, on: 'total' },
    { name: 'live WebGL textures', get: (s) => s.liveTextures, digits: 0, tolerance: SLACK.liveTextures, on: 'total' },
    { name: 'video buffered ranges', get: (s) => s.ranges, digits: 0, tolerance: SLACK.ranges, on: 'total' },
    {
      name: 'video buffered, s',
      get: (s) => s.bufferedSeconds,
      digits: 1,
      tolerance: SLACK.bufferedSeconds,
      on: 'total',
    },
    { name: 'held fragments', get: (s) => s.heldFragments, digits: 0, tolerance: SLACK.heldFragments, on: 'total' },
    { name: 'held media, s', get: (s) => s.heldSeconds, digits: 1, tolerance: SLACK.bufferedSeconds, on: 'total' },
    { name: 'stalls (cumulative)', get: (s) => s.stalls, digits: 0, tolerance: Infinity, on: 'total' },
  ];
  const header = [
    'metric',
    ...samples.map((s) => `${s.label} (${s.transitions})`),
    'per 100 from baseline',
    'budget',
    'verdict',
  ];
  const rows: Row[] = metrics.map((m) => {
    const { per100: growth, verdict } = judgeGrowth(m.get(base), m.get(end), end.transitions - base.transitions, m);
    const budget =
      m.on === 'per100' ? `≤ ${fmt(m.tolerance, m.digits + 1)} per 100` : `end − baseline ≤ ${m.tolerance}`;
    return [
      m.name,
      ...samples.map((s) => fmt(m.get(s), m.digits)),
      `${growth >= 0 ? '+' : ''}${fmt(growth, m.digits + 1)}`,
      Number.isFinite(m.tolerance) ? budget : '—',
      verdict,
    ];
  });
  console.log();
  printTable(header, rows);
  const grows = rows.filter((r) => r.at(-1) === 'GROWS').map((r) => r[0]);
  console.log();
  if (base.heap && end.heap) {
    const top = topGrowth(base.heap, end.heap, 6).map((g) => `${g.name} +${fmt(g.bytes / 1e3, 1)} KB`);
    console.log(`grew most from the baseline (heap snapshot, self sizes): ${top.join('; ') || 'nothing'}`);
  }
  console.log(
    `${end.transitions} transitions in ${seconds.toFixed(0)} s; verdict: ${grows.length === 0 ? 'flat' : `grows: ${grows.join(', ')}`}`,
  );
  if (errors.length > 0) console.log(`page errors (${errors.length}): ${errors.slice(0, 5).join(' | ')}`);
  const failures = grows.map((name) => `${String(name).trim()} grows past its budget`);
  if (errors.length > 0) failures.push(`${errors.length} page error(s)`);
  return failures;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
