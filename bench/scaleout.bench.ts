// Scale-out run: `npx tsx bench/scaleout.bench.ts [--viewers 20] [--size 320x180] [--kill-at 8]`.
//
// Two API processes (this one, and an `offshoot serve --workers 0` child) and two render worker
// processes on one real redis-server, one segment store folder shared by all four (a local
// folder: the S3 store is not built yet). N simulated viewers (bench/scaleoutViewer.ts) start
// 0.5 s apart, alternate between the two APIs, and choose at random through a generated story
// (three binary choices, 4 s segments), withdrawing what becomes unreachable. One worker is
// SIGKILLed mid-run. Reports readiness, holds, renders per unique rendition (coalescing across
// API processes: 1.00 = no rendition rendered twice, except the killed worker's lost render),
// and whether every viewer reached an ending. Exits 1 when a viewer failed (a job lost or
// failed).
import { execFileSync } from 'node:child_process';
import { printTable } from './support/printTable.js';
import { startBenchBackend } from './scaleoutBackend.js';
import { branchingStory } from './scaleoutStory.js';
import { runViewer } from './scaleoutViewer.js';
import type { ViewerResult } from './scaleoutViewer.js';
import { spawnServe } from '../test/server/support/spawnServe.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const VIEWERS = Number(arg('viewers', '20'));
const [WIDTH, HEIGHT] = arg('size', '320x180').split('x').map(Number) as [number, number];
const KILL_AT_MS = Number(arg('kill-at', '8')) * 1000;
const LEVELS = 3;
const load = (): string =>
  execFileSync('uptime')
    .toString()
    .trim()
    .replace(/.*load average: /, 'load ');

const story = branchingStory({ id: 'branching', levels: LEVELS });
const backend = await startBenchBackend({
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
  `scale-out: 2 API processes + 2 worker processes, one redis-server, one store folder; ${VIEWERS} viewers; ` +
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
const killedTook = backend.workers[0]!.lines.flatMap((l) => /took (\w{12})/.exec(l)?.[1] ?? []);
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
    ['renditions completed', String(done.size)],
    [
      'jobs the killed worker had taken, completed elsewhere',
      `${killedTook.filter((k) => done.has(k)).length} / ${new Set(killedTook).size} (some were withdrawn)`,
    ],
    ['wall s', wallS.toFixed(1)],
  ],
);
if (failures.length) console.log(`viewer failures:\n${failures.join('\n')}`);
console.log(`(${load()})`);
second.child.kill('SIGTERM');
await backend.close();
process.exit(failures.length ? 1 : 0);
