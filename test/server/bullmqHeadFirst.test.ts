// Head-first across processes: a BullMQ worker process with ONE render slot, rendering a long
// branch, takes a short branch asked for later with a sooner deadline, and gives it the slot at
// the next fragment boundary; the long render then resumes in the same process and completes.
// Real parts: redis-server, a worker process, the procedural generator, ffmpeg.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationJob } from '../../src/core/index.js';
import { createProceduralGenerator } from '../../src/server/index.js';
import { httpRequest, postJson } from './support/httpRequest.js';
import { spawnWorker } from './support/spawnWorker.js';
import type { WorkerHandle } from './support/spawnWorker.js';
import { startRedis } from './support/startRedis.js';
import type { TestRedis } from './support/startRedis.js';
import { startTestServer } from './support/startTestServer.js';
import type { TestServer } from './support/startTestServer.js';

let redis: TestRedis;
let api: TestServer;
let worker: WorkerHandle;

beforeAll(async () => {
  redis = await startRedis();
  api = await startTestServer({
    redisUrl: redis.url,
    workers: 0,
    order: 'head-first',
    // Same generator as the worker, so the API's rendition keys are the worker's.
    generator: createProceduralGenerator({ renderer: 'cpu' }),
    rateLimit: { burst: 100, perSecond: 50 },
  });
  worker = await spawnWorker({
    REDIS_URL: redis.url,
    STORE_DIR: api.storeDir,
    GENERATOR: 'procedural',
    ORDER: 'head-first',
    WIDTH: '320',
    HEIGHT: '180',
    WORKERS: '1',
    LOCK_MS: '10000',
    STALLED_MS: '5000',
  });
  await worker.waitForLine(/^ready$/, 60_000);
}, 90_000);

afterAll(async () => {
  await worker?.kill();
  await api?.stop();
  await redis?.stop();
});

const ask = async (segmentId: string, deadline: number) =>
  (
    await postJson(api.url, '/api/v1/generate', { storyId: 'cave', segmentId, history: [], deadline }, api.token('v'))
  ).json() as GenerationJob;
const jobOf = async (key: string) => (await httpRequest(api.url, `/api/v1/jobs/${key}`)).json() as GenerationJob;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('head-first in a BullMQ worker process (one slot)', () => {
  it('a head due sooner takes the slot from a running tail, which resumes and completes', async () => {
    const long = await ask('slow', 30); // 20 s of video
    let a = long;
    while (a.readySeconds < 2) {
      expect(['queued', 'running']).toContain(a.status);
      await sleep(50);
      a = await jobOf(long.key);
    }
    const short = await ask('left', 0);
    let b = short;
    let longReadyAtShortDone: number | undefined;
    while (a.status !== 'done' || b.status !== 'done') {
      await sleep(50);
      [a, b] = await Promise.all([jobOf(long.key), jobOf(short.key)]);
      if (b.status === 'done' && longReadyAtShortDone === undefined) longReadyAtShortDone = a.readySeconds;
      expect([a.status, b.status]).not.toContain('failed');
    }
    // Without preemption the short branch would have waited for all 20 s of the long one.
    expect(longReadyAtShortDone, 'seconds of the long branch rendered when the short one was done').toBeLessThan(20);
    expect(worker.lines.filter((l) => /render \w+ done/.test(l))).toHaveLength(2);
    const media = await httpRequest(api.url, `/store/${long.key}/180p.m3u8`);
    expect(media.text.match(/#EXT-X-MAP/g)).toHaveLength(1);
    expect(media.text).toContain('#EXT-X-ENDLIST');
  }, 90_000);
});
