// The release/submit race across two API processes (issue 13): viewer A withdraws the last want
// of a rendition on API 1 while viewer B asks for it on API 2. B lands after A's decision to
// cancel and before the cancel took effect (forced here: API 1 pauses at that point, a hook only
// tests use) and joins the job. B must still get the rendition, never "cancelled".
// Real parts: redis-server, BullMQ, two BullMqQueue instances (two Redis connections each, as two
// API processes would have), a BullMqWorkers rendering with ffmpeg into a folder store.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationJob } from '../../src/core/index.js';
import { BullMqQueue } from '../../src/server/queue/bullmq/BullMqQueue.js';
import { BullMqWorkers } from '../../src/server/queue/bullmq/BullMqWorkers.js';
import type { RenderTask } from '../../src/server/queue/JobQueue.js';
import { SegmentStore } from '../../src/server/store/SegmentStore.js';
import { createFfmpegTestGenerator } from './support/ffmpegTestGenerator.js';
import { startRedis } from './support/startRedis.js';
import type { TestRedis } from './support/startRedis.js';

/** A pause point: `reached` resolves when code arrives at it; it goes on after `open()`. */
class Gate {
  private armed: { reached: () => void; opened: Promise<void> } | undefined;
  open: () => void = () => undefined;

  /** Resolves when the next pass arrives here (and waits). */
  arm(): Promise<void> {
    return new Promise((reached) => {
      this.armed = { reached, opened: new Promise((resolve) => (this.open = resolve)) };
    });
  }

  async pass(): Promise<void> {
    const armed = this.armed;
    this.armed = undefined;
    if (!armed) return;
    armed.reached();
    await armed.opened;
  }
}

/** API 1: can stop between its decision to cancel and the cancel's effects. */
class PausingQueue extends BullMqQueue {
  readonly gate = new Gate();
  protected override afterCancelDecided(): Promise<void> {
    return this.gate.pass();
  }
}

/** A worker that can stop between seeing the cancel mark and aborting its render. */
class PausingWorkers extends BullMqWorkers {
  readonly gate = new Gate();
  protected override beforeAbort(): Promise<void> {
    return this.gate.pass();
  }
}

let redis: TestRedis;
let storeDir: string;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  redis = await startRedis();
  storeDir = await mkdtemp(join(tmpdir(), 'offshoot-race-'));
}, 30_000);
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
afterAll(async () => {
  await redis?.stop();
  if (storeDir) await rm(storeDir, { recursive: true, force: true });
});

let queueCount = 0;
/** Two API processes and, when asked, one worker process on a fresh queue name. */
async function setUp(withWorker: boolean) {
  const queueName = `race-${++queueCount}`;
  const store = new SegmentStore(storeDir);
  const apiLog: string[] = [];
  const log = (line: string) => void apiLog.push(line);
  const api1 = new PausingQueue({ redisUrl: redis.url, store, queueName, log });
  const api2 = new BullMqQueue({ redisUrl: redis.url, store, queueName, log });
  closers.push(
    () => api1.close(),
    () => api2.close(),
  );
  await Promise.all([api1.ready(), api2.ready()]);
  const took: string[] = [];
  let worker: PausingWorkers | undefined;
  const startWorker = async () => {
    // Renders of 4 s and more run at real-time speed: long enough to be cancelled mid-render.
    const generator = createFfmpegTestGenerator({ realtimeFrom: 4 });
    const log = (line: string) => void (/ took /.test(line) && took.push(line));
    worker = new PausingWorkers({ redisUrl: redis.url, generator, store, queueName, concurrency: 1, log });
    const started = worker;
    closers.push(() => started.close(1000));
    await worker.ready();
  };
  if (withWorker) await startWorker();
  return { api1, api2, startWorker, took, apiLog, worker: () => worker as PausingWorkers };
}

function task(seed: number): RenderTask {
  const key = seed.toString(16).padStart(64, 'a');
  return { key, spec: { prompt: 'race', seed }, state: {}, durationSeconds: 4, segmentSeconds: 1 };
}

/** Every status `queue` reports for `key`, and the first final one. */
function watchStatuses(queue: BullMqQueue, key: string) {
  const seen: string[] = [];
  const final = new Promise<GenerationJob>((resolve) =>
    queue.watch(key, (job) => {
      seen.push(job.status);
      if (job.status === 'done' || job.status === 'failed' || job.status === 'cancelled') resolve(job);
    }),
  );
  return { seen, final };
}

async function untilStatus(queue: BullMqQueue, key: string, status: string): Promise<void> {
  while ((await queue.get(key))?.status !== status) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('BullMQ: a viewer who asks while the last other viewer withdraws', () => {
  it('a queued job: B joins between the decision and the removal, and still gets the rendition', async () => {
    const { api1, api2, startWorker, apiLog } = await setUp(false);
    const t = task(1);
    expect((await api1.submit(t, { viewerId: 'a', deadline: 5 })).status).toBe('queued');
    const paused = api1.gate.arm();
    const releasing = api1.release(t.key, 'a');
    await paused;
    const b = watchStatuses(api2, t.key);
    // B joins the job that exists now (queued), on the other API process.
    expect((await api2.submit(t, { viewerId: 'b', deadline: 5 })).status).toBe('queued');
    api1.gate.open();
    expect((await releasing)?.status).not.toBe('cancelled');
    await startWorker();
    const final = await b.final;
    expect(final.status, `B saw ${b.seen.join(', ')}`).toBe('done');
    expect(b.seen).not.toContain('cancelled');
    expect((await api2.get(t.key))?.status).toBe('done');
    // The releasing process saw the new want after removing the job, and added it again.
    expect(apiLog.filter((l) => l.includes('queued again'))).toHaveLength(1);
  }, 60_000);

  it('a running job: B joins between the decision and the abort, and still gets the rendition', async () => {
    const { api1, api2 } = await setUp(true);
    const t = task(2);
    await api1.submit(t, { viewerId: 'a', deadline: 5 });
    await untilStatus(api1, t.key, 'running');
    const paused = api1.gate.arm();
    const releasing = api1.release(t.key, 'a');
    await paused;
    const b = watchStatuses(api2, t.key);
    const joined = await api2.submit(t, { viewerId: 'b', deadline: 5 });
    expect(joined.status).not.toBe('done');
    api1.gate.open();
    await releasing;
    const final = await b.final;
    expect(final.status, `B saw ${b.seen.join(', ')}`).toBe('done');
    expect(b.seen).not.toContain('cancelled');
  }, 60_000);

  it('a running job: B joins while its worker is aborting the render; the job is queued again and finishes', async () => {
    const { api1, api2, took, worker, apiLog } = await setUp(true);
    const t = task(3);
    await api1.submit(t, { viewerId: 'a', deadline: 5 });
    await untilStatus(api1, t.key, 'running');
    const aborting = worker().gate.arm();
    expect((await api1.release(t.key, 'a'))?.status).toBe('cancelled');
    await aborting; // the worker saw the mark and is about to abort
    const b = watchStatuses(api2, t.key);
    expect((await api2.submit(t, { viewerId: 'b', deadline: 5 })).status).toBe('running');
    worker().gate.open();
    const final = await b.final;
    expect(final.status, `B saw ${b.seen.join(', ')}`).toBe('done');
    expect(b.seen).not.toContain('cancelled');
    // Aborted once, put back by one of the two API processes, then taken again from the start.
    expect(apiLog.filter((l) => l.includes('queued again'))).toHaveLength(1);
    expect(took).toHaveLength(2);
  }, 60_000);
});
