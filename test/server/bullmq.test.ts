import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationJob } from '../../src/core/index.js';
import { httpRequest, postJson, readSse } from './support/httpRequest.js';
import { spawnWorker } from './support/spawnWorker.js';
import type { WorkerHandle } from './support/spawnWorker.js';
import { startRedis } from './support/startRedis.js';
import type { TestRedis } from './support/startRedis.js';
import { startTestServer, waitFor } from './support/startTestServer.js';
import type { TestServer } from './support/startTestServer.js';

let redis: TestRedis;
let api: TestServer;
let workers: WorkerHandle[] = [];

beforeAll(async () => {
  redis = await startRedis();
  // API only: renders happen in the worker processes.
  api = await startTestServer({ redisUrl: redis.url, workers: 0 });
  const env = {
    REDIS_URL: redis.url,
    STORE_DIR: api.storeDir,
    REALTIME_FROM: '2',
    LOCK_MS: '2000',
    STALLED_MS: '1000',
  };
  workers = await Promise.all([spawnWorker(env), spawnWorker(env)]);
}, 120_000);
afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await api?.stop();
  await redis?.stop();
});

const ask = (viewer: string, segmentId: string, history: Array<{ segmentId: string; optionId: string }> = []) =>
  postJson(api.url, '/api/v1/generate', { storyId: 'cave', segmentId, history }, api.token(viewer));
const took = (w: WorkerHandle, key: string) => w.lines.some((l) => l.includes(`took ${key.slice(0, 12)}`));
const jobOf = async (key: string) => (await httpRequest(api.url, `/api/v1/jobs/${key}`)).json() as GenerationJob;

describe('BullMQ queue with worker processes', () => {
  it('shares one queue between two worker processes, one job per key', async () => {
    const asks = await Promise.all([
      ask('a', 'intro'),
      ask('b', 'intro'),
      ask('a', 'left'),
      ask('a', 'right'),
      ask('a', 'deep', [{ segmentId: 'intro', optionId: 'left' }]),
    ]);
    const jobs = asks.map((r) => r.json() as GenerationJob);
    expect(jobs[0]?.jobId).toBe(jobs[1]?.jobId);
    const keys = [...new Set(jobs.map((j) => j.key))];
    expect(keys).toHaveLength(4);
    const finals = await Promise.all(keys.map((k) => readSse(api.url, `/api/v1/jobs/${k}/events`, 30_000)));
    for (const f of finals) expect(f.events.at(-1)?.event).toBe('done');
    expect(
      finals[0]?.events.some((e) => e.event === 'progress' && (JSON.parse(e.data) as GenerationJob).readySeconds > 0),
    ).toBe(true);
    for (const key of keys) {
      expect((await stat(join(api.storeDir, key, 'index.m3u8'))).isFile()).toBe(true);
      expect(workers.filter((w) => took(w, key))).toHaveLength(1);
    }
    for (const w of workers)
      expect(
        keys.some((k) => took(w, k)),
        `worker ${w.child.pid} took no job`,
      ).toBe(true);
  });

  it('finishes a job on the other worker when its worker is SIGKILLed mid-render', async () => {
    const job = (await ask('k', 'far', [{ segmentId: 'intro', optionId: 'left' }])).json() as GenerationJob;
    const owner = await waitFor(() => workers.find((w) => took(w, job.key)), 15_000, 'a worker to take the job');
    await waitFor(async () => ((await jobOf(job.key)).readySeconds > 0 ? true : undefined), 15_000, 'first segment');
    await owner.kill('SIGKILL');
    const survivor = workers.find((w) => w !== owner) as WorkerHandle;
    const sse = await readSse(api.url, `/api/v1/jobs/${job.key}/events`, 30_000);
    expect(sse.events.at(-1)?.event).toBe('done');
    expect(took(survivor, job.key)).toBe(true);
    expect(survivor.lines.some((l) => l.startsWith(`render ${job.key.slice(0, 12)} done`))).toBe(true);
    const playlist = await httpRequest(api.url, `/store/${job.key}/media.m3u8`);
    expect(playlist.text).toContain('#EXT-X-ENDLIST');
    expect(playlist.headers['cache-control']).toContain('immutable');
    workers = [survivor];
  });

  it('cancellation reaches the worker process and aborts its render', async () => {
    const [worker] = workers as [WorkerHandle];
    const job = (await ask('c', 'slow')).json() as GenerationJob;
    await waitFor(async () => ((await jobOf(job.key)).readySeconds > 0 ? true : undefined), 15_000, 'first segment');
    const events = readSse(api.url, `/api/v1/jobs/${job.key}/events`, 10_000);
    const cancelled = await httpRequest(api.url, `/api/v1/jobs/${job.key}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${api.token('c')}` },
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    await worker.waitForLine(new RegExp(`render ${job.key.slice(0, 12)} cancelled`), 5_000);
    expect((await events).events.at(-1)?.event).toBe('cancelled');
    expect(await stat(join(api.storeDir, job.key)).catch(() => undefined)).toBeUndefined();
    expect(await stat(join(api.storeDir, '.partial', job.key)).catch(() => undefined)).toBeUndefined();
    expect(worker.child.exitCode).toBeNull();
  });
});
