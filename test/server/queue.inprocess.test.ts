import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GenerationJob } from '../../src/core/index.js';
import { InProcessQueue, renditionKey, SegmentStore } from '../../src/server/index.js';
import type { RenderTask } from '../../src/server/index.js';
import { createFfmpegTestGenerator } from './support/ffmpegTestGenerator.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function task(prompt: string): RenderTask {
  const spec = { prompt, seed: 1 };
  return {
    key: renditionKey({
      generatorId: 'ffmpeg-test',
      generatorVersion: '1',
      spec,
      seed: 1,
      state: {},
      durationSeconds: 1,
      segmentSeconds: 1,
    }),
    spec,
    state: {},
    durationSeconds: 1,
    segmentSeconds: 1,
  };
}

function finalOf(queue: InProcessQueue, jobId: string): Promise<GenerationJob> {
  return new Promise((resolve) => {
    const stop = queue.watch(jobId, (job) => {
      if (job.status === 'done' || job.status === 'failed' || job.status === 'cancelled') {
        stop();
        resolve(job);
      }
    });
  });
}

describe('InProcessQueue', () => {
  it('reports a render that fails (ffmpeg refuses) as failed, leaves nothing in the store, and accepts a retry', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'offshoot-queue-'));
    dirs.push(dir);
    const store = new SegmentStore(dir);
    const broken = new InProcessQueue({ generator: createFfmpegTestGenerator({ width: 0, height: 0 }), store });
    const t = task('a broken render');
    const job = await broken.submit(t, { viewerId: 'v', deadline: 1 });
    const final = await finalOf(broken, job.jobId);
    expect(final.status).toBe('failed');
    expect(final.error?.message).toMatch(/ffmpeg exited/);
    expect(await readdir(join(dir, '.partial'))).toEqual([]);
    expect(await store.isComplete(t.key)).toBe(false);
    // A new submit of a failed key starts a new job instead of returning the failure.
    const working = new InProcessQueue({ generator: createFfmpegTestGenerator(), store });
    const again = await working.submit(t, { viewerId: 'v', deadline: 1 });
    expect(again.status).not.toBe('failed');
    expect((await finalOf(working, again.jobId)).status).toBe('done');
    expect((await working.submit(t, { viewerId: 'w', deadline: 1 })).status).toBe('done');
    // Any queue over the same store can describe the finished rendition, job or no job.
    const fresh = new InProcessQueue({ generator: createFfmpegTestGenerator(), store });
    expect(await fresh.get(t.key)).toMatchObject({ status: 'done', durationSeconds: 1, readySeconds: 1 });
    expect(await fresh.get('0'.repeat(64))).toBeUndefined();
  });
});
