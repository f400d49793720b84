// Starts the real backend for the backend benches: in one process (API + in-process queue), or
// BullMQ on a real redis-server with render workers in separate processes (an API process
// without workers here). The procedural generator on the CPU at a given size; every log line
// kept, so a bench can count what was rendered.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProceduralGenerator } from '../src/server/generate/index.js';
import { signViewerToken, startServer } from '../src/server/index.js';
import type { RunningServer } from '../src/server/index.js';
import type { RenderOrder } from '../src/server/queue/schedule/renderRank.js';
import { startRedis } from '../test/server/support/startRedis.js';
import type { TestRedis } from '../test/server/support/startRedis.js';
import { spawnWorker } from '../test/server/support/spawnWorker.js';
import type { WorkerHandle } from '../test/server/support/spawnWorker.js';

export interface BenchBackendOptions {
  mode: 'in-process' | 'bullmq';
  order: RenderOrder;
  /** In-process: render slots; BullMQ: worker processes of one slot each. */
  workers: number;
  width: number;
  height: number;
  story: Record<string, unknown>;
  /** The store every process shares: a fresh local folder unless given (e.g. `s3://bucket/prefix`). */
  store?: string;
}

export interface BenchBackend {
  url: string;
  token(viewer: string): string;
  /** Log lines of the API process and every worker process so far. */
  lines(): string[];
  workers: WorkerHandle[];
  /** BullMQ mode: what another API process needs to join (stories folder, store, Redis, secret). */
  shared?: { storyDir: string; storeDir: string; redisUrl: string; secret: string };
  close(): Promise<void>;
}

const SECRET = 'bench-secret-0123456789abcdef0123';
/** The default queue name, so an `offshoot serve --redis` process joins the same queue. */
const QUEUE = 'offshoot-render';

/**
 * @example
 * const backend = await startBenchBackend({ mode: 'bullmq', order: 'head-first', workers: 2, width: 320, height: 180, story });
 */
export async function startBenchBackend(o: BenchBackendOptions): Promise<BenchBackend> {
  const root = await mkdtemp(join(tmpdir(), 'offshoot-bench-backend-'));
  await mkdir(join(root, 'stories'));
  await writeFile(join(root, 'stories', 'story.json'), JSON.stringify(o.story));
  const store = o.store ?? join(root, 'store');
  const rendition = { name: `${o.height}p`, width: o.width, height: o.height, maxrateKbps: 800, level: '3.0' as const };
  const apiLines: string[] = [];
  let redis: TestRedis | undefined;
  const workers: WorkerHandle[] = [];
  if (o.mode === 'bullmq') {
    redis = await startRedis();
    for (let i = 0; i < o.workers; i++) {
      workers.push(
        await spawnWorker({
          REDIS_URL: redis.url,
          STORE_DIR: store,
          QUEUE_NAME: QUEUE,
          GENERATOR: 'procedural',
          ORDER: o.order,
          WIDTH: String(o.width),
          HEIGHT: String(o.height),
          WORKERS: '1',
          LOCK_MS: '10000',
          STALLED_MS: '5000',
        }),
      );
    }
    await Promise.all(workers.map((w) => w.waitForLine(/^ready$/, 60_000)));
  }
  const server: RunningServer = await startServer({
    generator: createProceduralGenerator({ renderer: 'cpu', renditions: [rendition] }),
    port: 0,
    stories: join(root, 'stories'),
    store,
    secret: SECRET,
    workers: o.mode === 'bullmq' ? 0 : o.workers,
    redisUrl: redis?.url,
    queueName: QUEUE,
    order: o.order,
    // The bench's viewers ask for every depth-2 branch: no per-viewer caps in the way.
    maxWantsPerViewer: 1000,
    rateLimit: { burst: 10_000, perSecond: 10_000 },
    log: (line) => void apiLines.push(line),
  });
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return {
    url: server.url,
    token: (viewer) => signViewerToken({ sub: viewer, story: '*', exp }, SECRET),
    lines: () => [...apiLines, ...workers.flatMap((w) => w.lines)],
    workers,
    shared: redis
      ? { storyDir: join(root, 'stories'), storeDir: store, redisUrl: redis.url, secret: SECRET }
      : undefined,
    async close() {
      await server.close();
      await Promise.all(workers.map((w) => w.kill('SIGTERM')));
      await redis?.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * Seconds of media the backend published (every render's segments, watched or not, including
 * renders later cancelled), from its log lines: the compute spent, in seconds of video.
 *
 * @example
 * renderedSeconds(backend.lines()); // 37
 */
export function renderedSeconds(lines: readonly string[]): number {
  const current = new Map<string, number>();
  let total = 0;
  for (const line of lines) {
    const start = /render (\w{12}) start/.exec(line);
    if (start) current.set(start[1]!, 0);
    const ready = /render (\w{12}) ready ([\d.]+)\//.exec(line);
    if (ready) {
      const seconds = Number(ready[2]);
      total += Math.max(0, seconds - (current.get(ready[1]!) ?? 0));
      current.set(ready[1]!, Math.max(seconds, current.get(ready[1]!) ?? 0));
    }
  }
  return total;
}
