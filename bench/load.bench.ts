// Load benchmark: `npx tsx bench/load.bench.ts [--viewers 100] [--seconds 30] [--watch 0.5] [--seed 1]`.
//
// Many simulated viewers (this process) against ONE backend on loopback (a child process: HTTP
// API, in-process queue, the procedural generator on the CPU at 320x180, 1 s segments). Each viewer has its own
// token and walks a small branching story like the player does: ask for the segment and the
// next candidates (overlapping wants, so renders are shared), wait by SSE (half of them) or
// polling (the other half), fetch the HLS files, "watch" for --watch s, choose at random, cancel
// the candidates not taken. It stops by itself after --seconds (in-flight walks finish).
//
// Baseline, same run, same viewers and walk: a bare node:http server (also a child process)
// answering the same routes with canned replies (every job done, one real rendition's bytes from memory): the HTTP and
// client cost alone. Prints requests/s, p50/p99 per route, renders started vs asked for (dedup),
// and replies by status (429s from the per-viewer caps apart from errors).
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { signViewerToken } from '../src/server/index.js';
import { runViewer } from './support/loadViewer.js';
import type { ViewerPlan } from './support/loadViewer.js';
import { fmt, printTable, ratio } from './support/printTable.js';
import type { Row } from './support/printTable.js';
import { seededRandom } from './support/rng.js';
import { quantile } from './support/quantile.js';
import { RouteStats } from './support/routeStats.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const VIEWERS = arg('viewers', 100);
const SECONDS = arg('seconds', 30);
const WATCH = arg('watch', 0.5);
const SEED = arg('seed', 1);
const SECRET = 'load-bench-secret-0123456789';

const choice = (options: Array<[string, string]>) => ({
  prompt: 'Which way?',
  at: 0.5,
  default: options[0]![0],
  options: options.map(([id, next]) => ({ id, label: id, next })),
});
const gen = (prompt: string, duration = 1) => ({ generate: { prompt }, duration });
/** 7 generated segments (choices 2 s, the rest 1 s); two paths meet at the cave, so viewers on different paths share it. */
const story = {
  offshoot: 1,
  id: 'load',
  title: 'Load',
  start: 'gate',
  segments: {
    gate: {
      ...gen('a stone gate at dawn', 2),
      choice: choice([
        ['forest', 'forest'],
        ['river', 'river'],
      ]),
    },
    forest: {
      ...gen('a misty pine forest', 2),
      choice: choice([
        ['cave', 'cave'],
        ['hill', 'hill'],
      ]),
    },
    river: {
      ...gen('a wide slow river', 2),
      choice: choice([
        ['cave', 'cave'],
        ['bridge', 'bridge'],
      ]),
    },
    cave: { ...gen('a lantern-lit cave'), next: 'end' },
    hill: { ...gen('a windy hilltop'), next: 'end' },
    bridge: { ...gen('an old rope bridge'), next: 'end' },
    end: { ...gen('the sun sets over the valley'), end: true },
  },
};

interface RunResult {
  /** The viewers' (this process's) event-loop delay during the run, p50/p99 ms: how much of a latency is the client's own. */
  loopDelay: { p50: number; p99: number };
  stats: RouteStats;
  seconds: number;
  readyMs: number[];
  accepted: { count: number; keys: Set<string> };
  watched: number;
}

async function load(base: string): Promise<RunResult> {
  const stats = new RouteStats();
  const readyMs: number[] = [];
  const accepted = { count: 0, keys: new Set<string>() };
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  const until = started + SECONDS * 1000;
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const plans: ViewerPlan[] = Array.from({ length: VIEWERS }, (_, i) => ({
    base,
    token: signViewerToken(
      { sub: `viewer-${i}`, story: story.id, exp, iat: Math.floor(Date.now() / 1000), jti: `load-${i}` },
      SECRET,
    ),
    storyId: story.id,
    sse: i % 2 === 0,
    until,
    random: seededRandom(SEED * 1000 + i),
    stats,
    readyMs,
    accepted,
    watchSeconds: WATCH,
  }));
  // Viewers arrive over the first second, not all in the same millisecond.
  const walks = plans.map((plan, i) =>
    new Promise<number>((r) => setTimeout(r, (i / VIEWERS) * 1000)).then(() => runViewer(plan)),
  );
  // Hard stop: a walk still waiting a minute past the end is abandoned (and shows as missing segments).
  const watched = await Promise.race([
    Promise.all(walks).then((w) => w.reduce((a, b) => a + b, 0)),
    new Promise<number>((r) => setTimeout(() => r(-1), SECONDS * 1000 + 60_000).unref()),
  ]);
  loop.disable();
  return {
    loopDelay: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6 },
    stats,
    seconds: (performance.now() - started) / 1000,
    readyMs,
    accepted,
    watched,
  };
}

/** The shared quantile, or undefined for no samples (the table prints a dash). */
const quantileOf = (xs: number[], q: number) => (xs.length ? quantile(xs, q) : undefined);

/** Starts loadBackendProcess.ts with `env`; resolves with its URL and the log lines it prints. */
async function spawnBackend(
  env: Record<string, string>,
): Promise<{ url: string; lines: string[]; stop: () => Promise<void> }> {
  const script = fileURLToPath(new URL('./support/loadBackendProcess.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let buffer = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        if (line.startsWith('url ')) resolve(line.slice(4));
        else lines.push(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`backend exited with ${code}: ${lines.join('\n')}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return { url, lines, stop };
}

const root = await mkdtemp(join(tmpdir(), 'offshoot-load-'));
try {
  const storiesDir = join(root, 'stories');
  await mkdir(storiesDir);
  const storyFile = join(storiesDir, 'load.json');
  await writeFile(storyFile, JSON.stringify(story));
  const storeDir = join(root, 'store');
  console.log(
    `load bench: ${VIEWERS} viewers x ${SECONDS} s, watch ${WATCH} s per segment, ${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(1)}`,
  );
  const backend = await spawnBackend({ MODE: 'backend', STORIES_DIR: storiesDir, STORE_DIR: storeDir, SECRET });
  const ours = await load(backend.url);
  await backend.stop();
  const logs = backend.lines;
  const rendersStarted = logs.filter((l) => / start \(/.test(l)).length;
  const rendersDone = logs.filter((l) => / done: /.test(l)).length;
  const rendersCancelled = logs.filter((l) => / cancelled$/.test(l)).length;
  const rendition = (await readdir(storeDir)).find((name) => /^[0-9a-f]{64}$/.test(name));
  if (!rendition) throw new Error('the backend finished no rendition');
  const bare = await spawnBackend({ MODE: 'bare', STORY_FILE: storyFile, RENDITION_DIR: join(storeDir, rendition) });
  const base = await load(bare.url);
  await bare.stop();

  const rps = (r: RunResult) => r.stats.requests / r.seconds;
  console.log('');
  printTable(
    ['', 'backend', 'bare http baseline', 'ratio'],
    [
      [
        'requests',
        String(ours.stats.requests),
        String(base.stats.requests),
        ratio(ours.stats.requests, base.stats.requests),
      ],
      ['requests/s', fmt(rps(ours), 1), fmt(rps(base), 1), ratio(rps(ours), rps(base))],
      ['segments watched', String(ours.watched), String(base.watched), ratio(ours.watched, base.watched)],
      [
        'asked → ready p50 ms',
        fmt(quantileOf(ours.readyMs, 0.5)),
        fmt(quantileOf(base.readyMs, 0.5)),
        ratio(quantileOf(ours.readyMs, 0.5), quantileOf(base.readyMs, 0.5)),
      ],
      [
        'asked → ready p99 ms',
        fmt(quantileOf(ours.readyMs, 0.99)),
        fmt(quantileOf(base.readyMs, 0.99)),
        ratio(quantileOf(ours.readyMs, 0.99), quantileOf(base.readyMs, 0.99)),
      ],
      ['errors (4xx/5xx/network, not 429)', String(ours.stats.errors()), String(base.stats.errors()), ''],
      ['429 (per-viewer rate limit / cap)', String(ours.stats.status(429)), String(base.stats.status(429)), ''],
      [
        'client event-loop delay p50 / p99 ms',
        `${fmt(ours.loopDelay.p50, 1)} / ${fmt(ours.loopDelay.p99, 1)}`,
        `${fmt(base.loopDelay.p50, 1)} / ${fmt(base.loopDelay.p99, 1)}`,
        '',
      ],
      ['wall s', fmt(ours.seconds, 1), fmt(base.seconds, 1), ''],
    ],
  );
  console.log('');
  const routes = [...new Set([...ours.stats.routes(), ...base.stats.routes()])];
  const rows: Row[] = routes.map((route) => [
    route,
    String(ours.stats.count(route)),
    fmt(ours.stats.quantile(route, 0.5), 1),
    fmt(ours.stats.quantile(route, 0.99), 1),
    fmt(base.stats.quantile(route, 0.5), 1),
    fmt(base.stats.quantile(route, 0.99), 1),
    ratio(ours.stats.quantile(route, 0.5), base.stats.quantile(route, 0.5)),
  ]);
  printTable(['route', 'n', 'p50 ms', 'p99 ms', 'bare p50', 'bare p99', 'p50 ratio'], rows);
  console.log('');
  printTable(
    ['dedup', 'count'],
    [
      ['generation requests answered 200/202', String(ours.accepted.count)],
      ['distinct renditions asked for', String(ours.accepted.keys.size)],
      ['renders started', String(rendersStarted)],
      ['renders finished / cancelled', `${rendersDone} / ${rendersCancelled}`],
      ['requests per render started', fmt(ours.accepted.count / Math.max(1, rendersStarted), 1)],
    ],
  );
  console.log(`\nreplies by status: backend ${ours.stats.statusSummary()}; baseline ${base.stats.statusSummary()}`);
  if (ours.watched < 0 || base.watched < 0)
    console.log('a run hit the hard stop (a walk waited more than 60 s past the end)');
} finally {
  await rm(root, { recursive: true, force: true });
}
