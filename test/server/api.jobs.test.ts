import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationJob } from '../../src/core/index.js';
import type { InProcessQueue } from '../../src/server/index.js';
import { httpRequest, postJson, readSse } from './support/httpRequest.js';
import { isAlive, startTestServer, waitFor } from './support/startTestServer.js';
import type { TestServer } from './support/startTestServer.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ workers: 2 });
});
afterAll(() => t.stop());

const ask = (viewer: string, segmentId: string, history: unknown[] = [], deadline?: number) =>
  postJson(
    t.url,
    '/api/v1/generate',
    { storyId: 'cave', segmentId, history, ...(deadline === undefined ? {} : { deadline }) },
    t.token(viewer),
  );

describe('generation jobs over HTTP (in-process queue, ffmpeg renders)', () => {
  it('loads valid stories, skips a broken one with a report, serves the story', async () => {
    expect((await httpRequest(t.url, '/healthz')).json()).toMatchObject({ ok: true, stories: 1 });
    expect(t.logs.some((l) => l.includes('broken.json') && l.includes('skipped'))).toBe(true);
    const story = await httpRequest(t.url, '/api/v1/stories/cave');
    expect(story.status).toBe(200);
    expect(story.json()).toMatchObject({ id: 'cave', start: 'intro' });
    expect(story.headers['content-location']).toBe('/api/v1/stories/cave/story.json');
    expect(story.headers['access-control-allow-origin']).toBe('*');
    expect((await httpRequest(t.url, '/api/v1/stories/broken')).status).toBe(404);
    const media = await httpRequest(t.url, '/api/v1/stories/cave/media/poster/seg.m4s');
    expect(media.status).toBe(200);
    expect(media.headers['content-type']).toBe('video/iso.segment');
  });

  it('renders a job, streams progress over SSE, then serves it as immutable HLS', async () => {
    const reply = await ask('v1', 'intro');
    expect(reply.status).toBe(202);
    const job = reply.json() as GenerationJob;
    expect(job).toMatchObject({ jobId: job.key, durationSeconds: 2, playlistUrl: `/store/${job.key}/index.m3u8` });
    expect(job.key).toMatch(/^[0-9a-f]{64}$/);
    const sse = await readSse(t.url, `/api/v1/jobs/${job.jobId}/events`);
    expect(sse.contentType).toMatch(/^text\/event-stream/);
    const last = sse.events.at(-1);
    expect(last?.event).toBe('done');
    const final = JSON.parse(last?.data ?? '{}') as GenerationJob;
    expect(final).toMatchObject({ status: 'done', progress: 1, readySeconds: 2 });
    for (const e of sse.events.slice(0, -1)) expect(e.event).toBe('progress');

    const master = await httpRequest(t.url, job.playlistUrl);
    expect(master.status).toBe(200);
    expect(master.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(master.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const media = await httpRequest(t.url, `/store/${job.key}/media.m3u8`);
    expect(media.text).toContain('#EXT-X-ENDLIST');
    const init = await httpRequest(t.url, `/store/${job.key}/init.mp4`);
    expect(init.headers['content-type']).toBe('video/mp4');
    expect(init.body.subarray(4, 8).toString('latin1')).toBe('ftyp');
    const seg = await httpRequest(t.url, `/store/${job.key}/seg_00000.m4s`);
    expect(seg.headers['content-type']).toBe('video/iso.segment');
    expect(seg.headers.etag).toBeTruthy();

    const again = await ask('v2', 'intro');
    expect(again.status).toBe(200);
    expect(again.json()).toMatchObject({ status: 'done', key: job.key });
    expect((await httpRequest(t.url, `/api/v1/jobs/${job.key}`)).json()).toMatchObject({ status: 'done' });
  });

  it('coalesces duplicate requests from many viewers into one render', async () => {
    const before = t.spawned.length;
    const replies = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((v) => ask(v, 'deep', [{ segmentId: 'intro', optionId: 'left' }])),
    );
    const ids = new Set(replies.map((r) => (r.json() as GenerationJob).jobId));
    expect(replies.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    expect(ids.size).toBe(1);
    await readSse(t.url, `/api/v1/jobs/${[...ids][0]}/events`);
    expect(t.spawned.length - before).toBe(1);
  });

  it('keys on the state a segment uses: different choices, different renditions', async () => {
    const left = (await ask('v1', 'left', [{ segmentId: 'intro', optionId: 'left' }])).json() as GenerationJob;
    const right = (await ask('v1', 'right', [{ segmentId: 'intro', optionId: 'right' }])).json() as GenerationJob;
    const rightFromStart = (await ask('v1', 'right')).json() as GenerationJob;
    expect(left.key).not.toBe(right.key);
    expect(rightFromStart.key).toBe(right.key); // same arrival state (brave=true) whichever way it was asked
  });

  it('cancels only when the last viewer lets go, and the render stops', async () => {
    const first = (await ask('x', 'slow', [], 1)).json() as GenerationJob;
    await ask('y', 'slow', [], 1);
    const running = await waitFor(
      async () => {
        const job = (await httpRequest(t.url, `/api/v1/jobs/${first.jobId}`)).json() as GenerationJob;
        return job.readySeconds > 0 ? job : undefined;
      },
      15_000,
      'first segment of the slow job',
    );
    expect(running.status).toBe('running');
    const growing = await httpRequest(t.url, `/store/${first.key}/media.m3u8`);
    expect(growing.headers['cache-control']).toBe('no-cache');
    expect(growing.text).not.toContain('#EXT-X-ENDLIST');
    const segment = await httpRequest(t.url, `/store/${first.key}/seg_00000.m4s`);
    expect(segment.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const listing = await readdir(join(t.storeDir, '.partial', first.key));
    expect(listing).toContain('seg_00000.m4s');

    // A client that walks away from its event stream leaves no listener behind.
    const queue = t.server.queue as InProcessQueue;
    const watchersBefore = queue.watcherCount();
    const walkAway = new AbortController();
    const stream = readSse(
      t.url,
      `/api/v1/jobs/${first.jobId}/events`,
      10_000,
      () => walkAway.abort(),
      walkAway.signal,
    );
    await stream;
    await waitFor(() => queue.watcherCount() === watchersBefore, 5_000, 'SSE listener cleanup');

    const pid = t.spawned.at(-1) as number;
    const events = readSse(t.url, `/api/v1/jobs/${first.jobId}/events`);
    const afterX = (
      await httpRequest(t.url, `/api/v1/jobs/${first.jobId}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${t.token('x')}` },
      })
    ).json() as GenerationJob;
    expect(afterX.status).toBe('running');
    expect(isAlive(pid)).toBe(true);
    const afterY = await httpRequest(t.url, `/api/v1/jobs/${first.jobId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${t.token('y')}` },
    });
    expect(afterY.json()).toMatchObject({ status: 'cancelled' });
    expect((await events).events.at(-1)?.event).toBe('cancelled');
    await waitFor(() => !isAlive(pid), 5_000, 'ffmpeg to be killed');
    await waitFor(
      async () => !(await stat(join(t.storeDir, '.partial', first.key)).catch(() => undefined)),
      5_000,
      'partial output removed',
    );
    expect(await stat(join(t.storeDir, first.key)).catch(() => undefined)).toBeUndefined();
  });

  it('serves the nearest deadline first', async () => {
    const slow = await startTestServer({ workers: 1 });
    try {
      const order: string[] = [];
      const block = (
        await postJson(
          slow.url,
          '/api/v1/generate',
          { storyId: 'cave', segmentId: 'intro', history: [] },
          slow.token('p'),
        )
      ).json() as GenerationJob;
      const late = (
        await postJson(
          slow.url,
          '/api/v1/generate',
          { storyId: 'cave', segmentId: 'left', history: [{ segmentId: 'intro', optionId: 'left' }], deadline: 50 },
          slow.token('p'),
        )
      ).json() as GenerationJob;
      const soon = (
        await postJson(
          slow.url,
          '/api/v1/generate',
          { storyId: 'cave', segmentId: 'deep', history: [{ segmentId: 'intro', optionId: 'left' }], deadline: 2 },
          slow.token('p'),
        )
      ).json() as GenerationJob;
      await Promise.all(
        [block, late, soon].map(async (job) => {
          await readSse(slow.url, `/api/v1/jobs/${job.jobId}/events`);
          order.push(job.jobId);
        }),
      );
      expect(order.indexOf(soon.jobId)).toBeLessThan(order.indexOf(late.jobId));
    } finally {
      await slow.stop();
    }
  });
});
