// Scale-out run: `npx tsx bench/scaleout.bench.ts [--viewers 20] [--size 320x180] [--kill-at 8]
// [--store s3|local]`.
//
// Two API processes (this one, and an `offshoot serve --workers 0` child) and two render worker
// processes on one real redis-server, one store shared by all four: by default an S3 bucket on a
// real s3rver this bench starts on loopback (`--store s3://…`, as a deployment on several
// machines would), or a local folder with `--store local`. N simulated viewers (bench/scaleoutViewer.ts) start
// 0.5 s apart, alternate between the two APIs, and choose at random through a generated story
// (three binary choices, 4 s segments), withdrawing what becomes unreachable. One worker is
// SIGKILLed mid-run. Reports readiness, holds, renders per unique rendition (coalescing across
// API processes: 1.00 = no rendition rendered twice, except the killed worker's lost render),
// and whether every viewer reached an ending. Exits 1 when a viewer failed (a job lost or
// failed).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { printTable } from './support/printTable.js';
import { renderedSeconds, startBenchBackend } from './scaleoutBackend.js';
import { branchingStory } from './scaleoutStory.js';
import { runViewer } from './scaleoutViewer.js';
import { countExtraRenders } from './scaleoutRenders.js';
import type { ViewerResult } from './scaleoutViewer.js';
import { spawnServe } from '../test/server/support/spawnServe.js';
import { startS3rver } from '../test/server/support/startS3rver.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const VIEWERS = Number(arg('viewers', '20'));
const [WIDTH, HEIGHT] = arg('size', '320x180').split('x').map(Number) as [number, number];
const KILL_AT_MS = Number(arg('kill-at', '8')) * 1000;
const STORE = arg('store', 's3');
if (STORE !== 's3' && STORE !== 'local') throw new Error(`--store must be s3 or local, not "${STORE}"`);
const LEVELS = 3;
const load = (): string =>
  execFileSync('uptime')
    .toString()
    .trim()
    .replace(/.*load average: /, 'load ');

/** CPU seconds a live process and its reaped children (the encoder) have used, from /proc. */
const cpuSeconds = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime, stime, cutime, cstime: fields 14-17 of stat, 11-14 after the command name.
  return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / 100;
};

const story = branchingStory({ id: 'branching', levels: LEVELS });
// The S3 endpoint and keys go into this process's environment, which the worker and API child
// processes inherit, so all four open the same bucket.
const s3 = STORE === 's3' ? await startS3rver('offshoot-bench') : undefined;
if (s3) Object.assign(process.env, s3.env);
const backend = await startBenchBackend({
  store: s3 ? `s3://${s3.bucket}/scaleout` : undefined,
  mode: 'bullmq',
  order: 'head-first',
  workers: 2,
  width: WIDTH,
  height: HEIGHT,
  story,
});
const { storyDir, storeDir, redisUrl, secret } = backend.shared!;
const second = await spawnServe([
  ...['--port', '0', '--stories', storyDir, '--store', storeDir, '--secret', secret, '--redis', redisUrl],
  ...[
    '--workers',
    '0',
    '--rate-limit',
    '10000',
    '--rate-burst',
    '10000',
    '--max-wants-per-viewer',
    '1000',
    '--renderer',
    'cpu',
  ],
]);
const apis = [backend.url, second.url];
console.log(
  `scale-out: 2 API processes + 2 worker processes, one redis-server, one ${s3 ? 's3rver bucket' : 'store folder'}; ${VIEWERS} viewers; ` +
    `procedural ${WIDTH}x${HEIGHT}; worker ${backend.workers[0]!.child.pid} SIGKILLed at ${KILL_AT_MS / 1000} s (${load()})`,
);
const killer = setTimeout(() => void backend.workers[0]!.kill('SIGKILL'), KILL_AT_MS);
const started = performance.now();
const outcomes = await Promise.allSettled(
  Array.from({ length: VIEWERS }, async (_, v): Promise<ViewerResult> => {
    await new Promise((resolve) => setTimeout(resolve, v * 500));
    return runViewer({
      url: apis[v % 2]!,
      token: backend.token(`viewer-${v}`),
      storyId: 'branching',
      branching: 2,
      levels: LEVELS,
      seconds: 4,
      choiceAt: 1,
      seed: 1000 + v,
      cancel: true,
    });
  }),
);
clearTimeout(killer);
const survivor = backend.workers[1]!;
const survivorCpuS = cpuSeconds(survivor.child.pid!);
const survivorRenderedS = renderedSeconds(survivor.lines);
const wallS = (performance.now() - started) / 1000;
const results = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String((o.reason as Error).message)] : []));
const lines = backend.lines();
const starts = lines.flatMap((l) => /render (\w{12}) start/.exec(l)?.[1] ?? []);
const unique = new Set(starts);
const done = new Set(lines.flatMap((l) => /render (\w{12}) done/.exec(l)?.[1] ?? []));
const branches = results.reduce((n, r) => n + r.branches, 0);
const inTime = results.reduce((n, r) => n + r.inTime, 0);
const holds = results.flatMap((r) => r.holdsMs);
const watched = results.reduce((n, r) => n + r.watchedSeconds, 0);
// Only the workers render (both APIs run without render slots); worker 0 is the one killed.
const extra = countExtraRenders(
  backend.workers.map((w) => w.lines),
  0,
);
// A key once per job, however often the killed worker took it.
const killedTook = [...new Set(backend.workers[0]!.lines.flatMap((l) => /took (\w{12})/.exec(l)?.[1] ?? []))];
printTable(
  ['measure', 'value'],
  [
    ['viewers reaching an ending', `${results.length} / ${VIEWERS}`],
    ['branches ready on arrival', `${branches ? ((inTime / branches) * 100).toFixed(0) : '—'} % of ${branches}`],
    ['worst hold s', (Math.max(0, ...holds) / 1000).toFixed(2)],
    ['hold s per min watched', ((holds.reduce((a, b) => a + b, 0) / 1000 / watched) * 60).toFixed(1)],
    [
      'renders started / unique renditions',
      `${starts.length} / ${unique.size} = ${(starts.length / Math.max(1, unique.size)).toFixed(2)}`,
    ],
    [
      'extra starts: lost with killed worker / after a cancel / after a failure / other',
      `${extra.killed} / ${extra.afterCancel} / ${extra.afterFailure} / ${extra.other}`,
    ],
    [
      'cancels undone (asked for again meanwhile): queued again / render kept',
      `${[...lines, ...second.stderr.split('\n')].filter((l) => /cancelled: queued again/.test(l)).length} / ${lines.filter((l) => /before its abort/.test(l)).length}`,
    ],
    ['renditions completed', String(done.size)],
    [
      'rendered s per watched s (all viewers, shared renditions)',
      `${renderedSeconds(lines).toFixed(0)} / ${watched.toFixed(0)} = ${(renderedSeconds(lines) / watched).toFixed(2)}`,
    ],
    [
      'jobs the killed worker had taken, completed elsewhere',
      `${killedTook.filter((k) => done.has(k)).length} / ${killedTook.length} (some were withdrawn)`,
    ],
    [
      'surviving worker: CPU s / rendered s',
      `${survivorCpuS.toFixed(1)} / ${survivorRenderedS.toFixed(0)} = ${(survivorCpuS / Math.max(1, survivorRenderedS)).toFixed(3)}`,
    ],
    ['wall s', wallS.toFixed(1)],
  ],
);
if (failures.length) console.log(`viewer failures:\n${failures.join('\n')}`);
console.log(`(${load()})`);
second.child.kill('SIGTERM');
await backend.close();
await s3?.stop();
process.exit(failures.length ? 1 : 0);
