// Playback benchmark: Offshoot's player against two baselines built on stock hls.js, in the
// same run, on the same seeded walk through a generated looping story over the test clips:
// - switcher: double-buffered, what a competent team builds (Kaltura's interactive player,
//   Eko): the chosen branch preloaded in a second <video> with its own hls.js, swapped on the
//   media clock at the boundary (bench/support/pages/switcher.js);
// - naive: one hls.js, loadSource() of the next clip after `ended`, no preloading.
//
//   npx tsx bench/playback.bench.ts [--transitions 50] [--network cable|slow|fast|none]
//                                   [--seed 1] [--margin 0.5] [--only ours|switcher|naive[,…]]
//                                   [--quick] [--dist dist] [--bundle /dist/offshoot.bundle.mjs]
//
// Needs `npx rollup -c` (dist/offshoot.bundle.mjs) and `npm run media` (test/media).
// Both pages play in headless Debian chromium, throttled through the DevTools protocol, and
// measure the same way in the page (bench/support/pages/measure.js): requestVideoFrameCallback
// wall-clock gaps at each branch boundary, `waiting` after the first frame, dropped frames,
// start → first frame; Node adds the JS heap after a forced GC and counts the bytes served.
// Prints a table (ours | switcher | naive | ratios) and writes bench/results/playback.json (not
// committed). Compare ratios, not times. Exits 1 when a page fails (a player error, a walk
// that does not end), not on the figures: which player wins a measure is what it reports.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import { benchStory } from './support/benchStory.js';
import { networkProfile } from './support/networkProfiles.js';
import { fmt, printTable, ratio } from './support/printTable.js';
import type { Row } from './support/printTable.js';
import { runPlayerPage } from './support/runPlayerPage.js';
import type { PlayerRun } from './support/runPlayerPage.js';
import { startStaticServer } from './support/staticServer.js';
import { median } from './support/quantile.js';
import { summarizePlayback } from './support/summarizePlayback.js';
import type { PlaybackSummary } from './support/summarizePlayback.js';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
};
const QUICK = argv.includes('--quick');
const TRANSITIONS = Number(flag('transitions', QUICK ? '10' : '50'));
const NETWORK = networkProfile(flag('network', 'cable'));
const SEED = Number(flag('seed', '1'));
const MARGIN = Number(flag('margin', '0.5'));
const ONLY = flag('only', 'all');
/** The folder served as /dist/ (e.g. a build of another commit), and the bundle the page imports. */
const DIST = flag('dist', 'dist');
const BUNDLE = flag('bundle', '/dist/offshoot.bundle.mjs');
const ALL_PLAYERS = ['ours', 'switcher', 'naive'] as const;
type PlayerName = (typeof ALL_PLAYERS)[number];
const PLAYERS = ALL_PLAYERS.filter((p) => ONLY === 'all' || ONLY.split(',').includes(p));
if (PLAYERS.length === 0) throw new Error(`--only ${ONLY}: name one or more of ${ALL_PLAYERS.join(', ')}`);
type Measured = PlayerRun & { summary: PlaybackSummary; requests: number; megabytes: number };

function requireBuilt(): void {
  const bundle = BUNDLE.replace(/^\/dist\//, `${DIST}/`);
  if (!existsSync(bundle) || statSync(bundle).size < 10_000)
    throw new Error(
      `${bundle} is missing or a stub (${existsSync(bundle) ? statSync(bundle).size : 0} bytes): run \`npx rollup -c\` first`,
    );
  if (!existsSync('test/media/.complete')) throw new Error('test/media is not built: run `npm run media` first');
}

async function main(): Promise<void> {
  requireBuilt();
  const { story, plan } = benchStory({
    mediaDir: 'test/media',
    mediaUrl: '/media',
    transitions: TRANSITIONS,
    seed: SEED,
    marginSeconds: MARGIN,
  });
  const mediaSeconds = plan.steps.reduce((s, step) => s + step.mediaSeconds, 0);
  const server = await startStaticServer(
    { '/dist/': DIST, '/media/': 'test/media', '/hls/': 'node_modules/hls.js/dist', '/pages/': 'bench/support/pages' },
    { '/bench/story.json': JSON.stringify(story), '/bench/plan.json': JSON.stringify(plan), '/favicon.ico': '' },
  );
  console.log(
    `playback bench: ${TRANSITIONS} transitions (${mediaSeconds.toFixed(0)} s of media per player), network ${NETWORK.name} (${NETWORK.downMbps} Mbps, ${NETWORK.latencyMs} ms), seed ${SEED}, choice window closes ${MARGIN} s before each boundary`,
  );
  const browser = await chromium.launch(chromiumLaunchOptions);
  const runs: Partial<Record<PlayerName, Measured>> = {};
  try {
    for (const player of PLAYERS) {
      console.log(`- ${player} …`);
      server.resetCounts();
      const query = player === 'ours' ? `?bundle=${encodeURIComponent(BUNDLE)}` : '';
      const run = await runPlayerPage(
        browser,
        `${server.origin}/pages/${player}.html${query}`,
        NETWORK,
        (mediaSeconds * 2 + 90) * 1000,
      );
      runs[player] = {
        ...run,
        summary: summarizePlayback(run.rec),
        requests: server.counts.requests,
        megabytes: server.counts.bytes / 1e6,
      };
      if (server.counts.notFound.length) console.log(`  404s: ${[...new Set(server.counts.notFound)].join(', ')}`);
      report(player, run);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  printResults(runs);
  mkdirSync('bench/results', { recursive: true });
  const json = {
    date: new Date().toISOString(),
    transitions: TRANSITIONS,
    network: NETWORK,
    seed: SEED,
    margin: MARGIN,
    plan,
    players: Object.fromEntries(
      Object.entries(runs).map(([k, r]) => [k, { ...r, rec: { ...r.rec, frames: undefined } }]),
    ),
  };
  writeFileSync('bench/results/playback.json', `${JSON.stringify(json, null, 2)}\n`);
  console.log('\nwritten: bench/results/playback.json');
  const failed = Object.entries(runs)
    .filter(([, r]) => r.notes.errors.length > 0 || r.consoleErrors.some((e) => e.startsWith('pageerror')))
    .map(([name]) => name);
  if (failed.length > 0) {
    console.error(`player or page errors in: ${failed.join(', ')} (listed above)`);
    process.exitCode = 1;
  }
}

/** Say at once what went wrong in a player (errors, story mismatches, defaults taken). */
function report(player: string, run: PlayerRun): void {
  const n = run.notes;
  const lines = [
    ...n.errors.map((e) => `player error: ${e}`),
    ...n.mismatches.slice(0, 5).map((m) => `mismatch: ${m}`),
    ...(n.defaults ? [`${n.defaults} choice(s) timed out to the default`] : []),
    ...run.consoleErrors.slice(0, 8),
  ];
  if (run.consoleErrors.length > 8) lines.push(`… ${run.consoleErrors.length - 8} more console errors/warnings`);
  console.log(`  done in ${run.wallSeconds.toFixed(0)} s${lines.length ? `; ${lines.length} note(s):` : ''}`);
  for (const l of lines) console.log(`    ${l}`);
}

function printResults(runs: Partial<Record<PlayerName, Measured>>): void {
  const o = runs.ours;
  const kb = (bytes: number | undefined) => (bytes === undefined ? undefined : bytes / 1024);
  const row = (label: string, get: (r: Measured) => number | null | undefined, digits = 0): Row => {
    const at = (name: PlayerName) => (runs[name] ? get(runs[name]) : undefined);
    const x = at('ours');
    return [
      label,
      ...ALL_PLAYERS.map((name) => fmt(at(name), digits)),
      ratio(x, at('switcher')),
      ratio(x, at('naive')),
    ];
  };
  console.log('');
  printTable(
    ['metric (lower is better)', ...ALL_PLAYERS, 'ours/switcher', 'ours/naive'],
    [
      row('branch boundaries seen', (r) => r.summary.boundaries),
      row('branch gap median, ms', (r) => r.summary.branchGapMedianMs, 1),
      row('branch gap p90, ms', (r) => r.summary.branchGapP90Ms, 1),
      row('branch gap worst, ms', (r) => r.summary.branchGapWorstMs, 1),
      row('worst gap ±3 frames of a boundary, ms', (r) => r.summary.nearBoundaryWorstMs, 1),
      row('picture hold at a boundary, median ms', (r) => r.summary.branchFrameHoldMedianMs, 1),
      row('picture hold at a boundary, worst ms', (r) => r.summary.branchFrameHoldWorstMs, 1),
      row('boundaries with a visible freeze', (r) => r.summary.visibleFreezes),
      row('frame callback interval median, ms', (r) => r.summary.callbackIntervalMedianMs, 1),
      row('video frames presented per s', (r) => r.summary.presentedFps, 1),
      row('stalls (waiting after 1st frame)', (r) => r.summary.stalls),
      row('stalled time, ms', (r) => r.summary.stallMs),
      row('dropped frames', (r) => r.summary.droppedFrames),
      row('frame callbacks (rVFC)', (r) => r.summary.frameCallbacks),
      row('page script ready, ms', (r) => r.pageReadyMs),
      row('startup: start → first frame, ms', (r) => r.summary.startupMs),
      row('JS heap before, KB', (r) => kb(r.heap.beforeBytes)),
      row('JS heap after the walk, KB', (r) => kb(r.heap.afterBytes)),
      row('JS heap growth, KB', (r) => kb(r.heap.afterBytes - r.heap.beforeBytes)),
      row('JS heap after destroy(), KB', (r) => kb(r.heap.afterDestroyBytes)),
      row('HTTP requests', (r) => r.requests),
      row('MB served', (r) => r.megabytes, 1),
    ],
  );
  if (o?.own) {
    const own = o.own as { maxBranchGapMs?: number; stalls?: number; transitions?: number };
    console.log(
      `\nours, the player's own getStats(): transitions ${own.transitions}, stalls ${own.stalls}, maxBranchGapMs ${fmt(own.maxBranchGapMs, 1)}`,
    );
  }
  const sw = runs.switcher?.own as
    | {
        tailFramesCut: number;
        lateSwaps: number;
        leadMs: number;
        swaps: Array<{ readyState: number; latencyMs: number | null }>;
      }
    | undefined;
  if (sw) {
    // HAVE_FUTURE_DATA (3): B could play on at once; below it, its preload had not arrived.
    const unready = sw.swaps.filter((x) => x.readyState < 3).length;
    const latencies = sw.swaps.map((x) => x.latencyMs).filter((x): x is number => x !== null);
    console.log(
      `switcher: ${sw.lateSwaps} of ${sw.swaps.length} swaps late (A ended before B's first frame); B's preload not ready when started: ${unready}; play() → first frame median ${latencies.length ? fmt(median(latencies), 0) : '—'} ms; ${sw.tailFramesCut} frame(s) of A's tails hidden by starting B early`,
    );
  }
}

main().catch((error: unknown) => {
  console.error('[playback bench] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
