// Backend throughput: N distinct render jobs through the BullMQ queue (real redis-server),
// drained by one worker process, then by two. Prints jobs/min and the ratio to one worker,
// measured in the same run. Run: `npx tsx bench/backend-throughput.bench.ts`
// Rounds alternate 1 and 2 workers (noise on a shared machine hits both alike); medians.
// Env: BENCH_JOBS (default 6), BENCH_SECONDS (clip length, default 2), BENCH_ROUNDS (default 2),
//      BENCH_GENERATOR (procedural | ffmpeg-test, default procedural).
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BullMqQueue, renditionKey, SegmentStore } from '../src/server/index.js';
import type { RenderTask } from '../src/server/index.js';
import { spawnWorker } from '../test/server/support/spawnWorker.js';
import { startRedis } from '../test/server/support/startRedis.js';
import { median } from './support/quantile.js';

const JOBS = Number(process.env.BENCH_JOBS ?? 6);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const GENERATOR = process.env.BENCH_GENERATOR ?? 'procedural';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

interface Row {
  workers: number;
  seconds: number;
  jobsPerMinute: number;
  failed: number;
}

async function run(redisUrl: string, workers: number, round: number): Promise<Row> {
  const storeDir = await mkdtemp(join(tmpdir(), 'offshoot-bench-store-'));
  const queueName = `bench-${round}-${workers}`;
  const seedBase = 1000 * (round * 10 + workers);
  const env = {
    REDIS_URL: redisUrl,
    STORE_DIR: storeDir,
    QUEUE_NAME: queueName,
    GENERATOR,
    WIDTH: '320',
    HEIGHT: '180',
    REALTIME_FROM: '1e9',
    LOCK_MS: '30000',
    STALLED_MS: '15000',
  };
  const handles = await Promise.all(Array.from({ length: workers }, () => spawnWorker(env)));
  const store = new SegmentStore(storeDir);
  const queue = new BullMqQueue({ redisUrl, store, queueName });
  await queue.ready();
  const tasks: RenderTask[] = Array.from({ length: JOBS }, (_, i) => {
    const spec = { prompt: `a red fox crosses a snowy forest at dusk, take ${seedBase + i}`, seed: seedBase + i };
    const key = renditionKey({
      generatorId: GENERATOR,
      generatorVersion: 'bench',
      spec,
      seed: spec.seed,
      state: {},
      durationSeconds: SECONDS,
      segmentSeconds: 1,
    });
    return { key, spec, state: {}, durationSeconds: SECONDS, segmentSeconds: 1 };
  });
  const started = performance.now();
  await Promise.all(tasks.map((task, i) => queue.submit(task, { viewerId: 'bench', deadline: i })));
  let failed: number;
  for (;;) {
    const jobs = await Promise.all(tasks.map((t) => queue.get(t.key)));
    const finals = jobs.filter((j) => !j || j.status === 'done' || j.status === 'failed' || j.status === 'cancelled');
    if (finals.length === tasks.length) {
      failed = jobs.filter((j) => j?.status !== 'done').length;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  await queue.close();
  await Promise.all(handles.map((h) => h.kill('SIGTERM')));
  await rm(storeDir, { recursive: true, force: true });
  return { workers, seconds, jobsPerMinute: (JOBS / seconds) * 60, failed };
}

const redis = await startRedis();
try {
  const rows: Row[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    rows.push(await run(redis.url, 1, round));
    rows.push(await run(redis.url, 2, round));
  }
  const summary = [1, 2].map((workers) => {
    const mine = rows.filter((r) => r.workers === workers);
    return {
      workers,
      seconds: median(mine.map((r) => r.seconds)),
      jobsPerMinute: median(mine.map((r) => r.jobsPerMinute)),
      failed: mine.reduce((n, r) => n + r.failed, 0),
    };
  });
  const base = summary[0]?.jobsPerMinute ?? 1;
  console.log(
    `\nbackend throughput: ${JOBS} distinct ${SECONDS}s jobs x ${ROUNDS} rounds, generator ${GENERATOR} (${GENERATOR === 'procedural' ? 'its default 360p' : '320x180'}), BullMQ on a local redis-server, ${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(1)}`,
  );
  console.log('| worker processes | median wall s | median jobs/min | ratio vs 1 | failed |');
  console.log('|---|---|---|---|---|');
  for (const row of summary) {
    console.log(
      `| ${row.workers} | ${row.seconds.toFixed(1)} | ${row.jobsPerMinute.toFixed(1)} | ${(row.jobsPerMinute / base).toFixed(2)} | ${row.failed} |`,
    );
  }
} finally {
  await redis.stop();
}
