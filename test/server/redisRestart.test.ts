// Redis crashes and comes back mid-run: a real redis-server (AOF, fsync always) on a free port,
// SIGKILLed while one job renders in a worker process and another waits in the queue, then
// started again on the same port. While it is down the API keeps answering: stories and
// finished media are served, queue routes answer 503 queue-unavailable at once (nothing is
// queued or rendered for them). Once it is back, every job queued before the crash finishes
// and new requests are taken again: no job lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationJob } from '../../src/core/index.js';
import { httpRequest, postJson, readSse } from './support/httpRequest.js';
import { startRestartableRedis } from './support/startRestartableRedis.js';
import type { RestartableRedis } from './support/startRestartableRedis.js';
import { spawnWorker } from './support/spawnWorker.js';
import type { WorkerHandle } from './support/spawnWorker.js';
import { startTestServer, waitFor } from './support/startTestServer.js';
import type { TestServer } from './support/startTestServer.js';

let redis: RestartableRedis;
let api: TestServer;
let worker: WorkerHandle;

beforeAll(async () => {
  redis = await startRestartableRedis();
  api = await startTestServer({ redisUrl: redis.url, workers: 0, rateLimit: { burst: 100, perSecond: 50 } });
  // Renders of 2 s and more run at real-time speed, so one is surely in flight at the crash.
  worker = await spawnWorker({
    REDIS_URL: redis.url,
    STORE_DIR: api.storeDir,
    REALTIME_FROM: '2',
    LOCK_MS: '2000',
    STALLED_MS: '1000',
  });
}, 120_000);
afterAll(async () => {
  await worker?.kill();
  await api?.stop();
  await redis?.stop();
});

const ask = (viewer: string, segmentId: string, history: Array<{ segmentId: string; optionId: string }> = []) =>
  postJson(api.url, '/api/v1/generate', { storyId: 'cave', segmentId, history }, api.token(viewer));
const jobOf = async (key: string) => (await httpRequest(api.url, `/api/v1/jobs/${key}`)).json() as GenerationJob;

describe('Redis restarted mid-run (BullMQ queue, worker process)', () => {
  it('answers 503 while Redis is down, serves what it has, and loses no job', async () => {
    const before = (await ask('a', 'deep')).json() as GenerationJob;
    expect((await readSse(api.url, `/api/v1/jobs/${before.key}/events`, 30_000)).events.at(-1)?.event).toBe('done');

    const running = (await ask('a', 'intro')).json() as GenerationJob;
    const queued = (await ask('b', 'left')).json() as GenerationJob;
    await waitFor(
      async () => ((await jobOf(running.key)).readySeconds > 0 ? true : undefined),
      20_000,
      'the first job to be mid-render',
    );
    expect((await jobOf(queued.key)).status).toBe('queued');

    await redis.crash();
    await waitFor(
      async () =>
        ((await httpRequest(api.url, '/healthz')).json() as { queue: string }).queue === 'unavailable' || undefined,
      10_000,
      'the API to notice',
    );
    const refused = await ask('c', 'right');
    expect(refused.status).toBe(503);
    expect((refused.json() as { error: { code: string } }).error.code).toBe('queue-unavailable');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await httpRequest(api.url, `/api/v1/jobs/${running.key}`)).status).toBe(503);
    expect((await httpRequest(api.url, `/api/v1/jobs/${running.key}/events`)).status).toBe(503);
    expect(
      (
        await httpRequest(api.url, `/api/v1/jobs/${running.key}`, {
          method: 'DELETE',
          headers: { Authorization: `Bearer ${api.token('a')}` },
        })
      ).status,
    ).toBe(503);
    expect((await httpRequest(api.url, '/api/v1/stories/cave')).status).toBe(200);
    const media = await httpRequest(api.url, `/store/${before.key}/media.m3u8`);
    expect(media.status).toBe(200);
    expect(media.text).toContain('#EXT-X-ENDLIST');

    await redis.start();
    const retried = await waitFor(
      async () => {
        const reply = await ask('c', 'right');
        return reply.status === 503 ? undefined : reply;
      },
      30_000,
      'the API to take jobs again',
    );
    expect(retried.status).toBe(202);
    const keys = [running.key, queued.key, (retried.json() as GenerationJob).key];
    const finals = await Promise.all(keys.map((key) => readSse(api.url, `/api/v1/jobs/${key}/events`, 60_000)));
    expect(finals.map((f) => f.events.at(-1)?.event)).toEqual(['done', 'done', 'done']);
    for (const key of keys) {
      const playlist = await httpRequest(api.url, `/store/${key}/media.m3u8`);
      expect(playlist.text, key).toContain('#EXT-X-ENDLIST');
    }
    expect(((await httpRequest(api.url, '/healthz')).json() as { queue: string }).queue).toBe('ok');
    expect(worker.child.exitCode).toBeNull();
  }, 120_000);
});
