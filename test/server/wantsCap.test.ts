// The per-viewer cap on unfinished jobs, over real HTTP against the real server. Renders are
// real ffmpeg renders behind a gate the test opens (or fails), so "is it still in flight" is
// decided by the test, not by timing; every render the server starts is recorded.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GenerationJob } from '../../src/core/index.js';
import { ViewerWants } from '../../src/server/api/ViewerWants.js';
import { startServer } from '../../src/server/index.js';
import type { Generator } from '../../src/server/index.js';
import { SECRET } from './support/caveStory.js';
import { createFfmpegTestGenerator } from './support/ffmpegTestGenerator.js';
import { httpRequest, postJson } from './support/httpRequest.js';
import { startTestServer, waitFor } from './support/startTestServer.js';
import type { TestServer } from './support/startTestServer.js';

const CAP = 2;

interface Gated {
  generator: Generator;
  /** Keys of every render the server started, in order. */
  starts: string[];
  /** Lets the render of `key` go ahead (it then renders for real and finishes). */
  open(key: string): void;
  /** Makes the render of `key` fail. */
  fail(key: string): void;
  /** Keys whose render saw its abort signal. */
  aborted: string[];
  /** Renders running now (at the gate or rendering). */
  active(): number;
}

function gatedGenerator(): Gated {
  const inner = createFfmpegTestGenerator();
  const starts: string[] = [];
  const aborted: string[] = [];
  const gates = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  let active = 0;
  return {
    starts,
    aborted,
    active: () => active,
    open: (key) => gates.get(key)?.resolve(),
    fail: (key) => gates.get(key)?.reject(new Error('model exploded')),
    generator: {
      id: inner.id,
      version: inner.version,
      async render(job, hooks, signal) {
        starts.push(job.key);
        active++;
        try {
          await new Promise<void>((resolve, reject) => {
            gates.set(job.key, { resolve, reject });
            signal.addEventListener(
              'abort',
              () => {
                aborted.push(job.key);
                reject(new Error('aborted'));
              },
              { once: true },
            );
          });
          return await inner.render(job, hooks, signal);
        } finally {
          active--;
        }
      },
    },
  };
}

let t: TestServer;
let gen: Gated;
/** A test server is up: afterEach stops it. */
let up = false;
async function start(options: { maxWantsPerViewer?: number } = { maxWantsPerViewer: CAP }): Promise<void> {
  gen = gatedGenerator();
  // Enough workers that every accepted job starts at once: a refused one would show up in `starts`.
  t = await startTestServer({
    ...options,
    generator: gen.generator,
    workers: 8,
    rateLimit: { burst: 100, perSecond: 50 },
  });
  up = true;
}
afterEach(async () => {
  if (!up) return;
  up = false;
  // Closing aborts the renders still at their gate: let them clean up before the folders go.
  await t.server.close();
  await waitFor(() => gen.active() === 0 || undefined, 5_000, 'renders to stop');
  await new Promise((r) => setTimeout(r, 100));
  await t.stop();
});

const ask = (viewer: string, segmentId: string) =>
  postJson(t.url, '/api/v1/generate', { storyId: 'cave', segmentId, history: [] }, t.token(viewer));
const jobOf = (r: { json: () => unknown }) => r.json() as GenerationJob;
const errorOf = (r: { json: () => unknown }) =>
  (r.json() as { error: { code: string; message: string; cap: number; held: number } }).error;
const cancel = (viewer: string, jobId: string) =>
  httpRequest(t.url, `/api/v1/jobs/${jobId}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${t.token(viewer)}` },
  });
const statusOf = async (jobId: string) => jobOf(await httpRequest(t.url, `/api/v1/jobs/${jobId}`)).status;
const settle = () => new Promise((r) => setTimeout(r, 300));

/** Fills viewer `v` up to the cap with intro + left; both renders are started (and held at the gate). */
async function fill(viewer: string): Promise<[GenerationJob, GenerationJob]> {
  const intro = await ask(viewer, 'intro');
  const left = await ask(viewer, 'left');
  expect([intro.status, left.status]).toEqual([202, 202]);
  const jobs = [jobOf(intro), jobOf(left)] as [GenerationJob, GenerationJob];
  await waitFor(() => jobs.every((j) => gen.starts.includes(j.key)) || undefined, 5_000, 'both renders to start');
  return jobs;
}

describe('per-viewer cap on unfinished jobs (POST /api/v1/generate)', () => {
  it('refuses the (cap+1)th unfinished want with 429 naming the cap and Retry-After, and starts no render', async () => {
    await start();
    await fill('a');
    const refused = await ask('a', 'right');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(errorOf(refused)).toMatchObject({ code: 'too-many-wants', cap: CAP, held: CAP });
    expect(errorOf(refused).message).toContain(`cap is ${CAP}`);
    await settle();
    expect(gen.starts).toHaveLength(CAP);
    // Asking again for a job it already holds takes no second slot and is not refused.
    expect((await ask('a', 'intro')).status).toBe(202);
    expect((await ask('a', 'slow')).status).toBe(429);
    await settle();
    expect(gen.starts).toHaveLength(CAP);
  });

  it('lets exactly `cap` of many simultaneous requests through (check and count are one step)', async () => {
    await start();
    const replies = await Promise.all(['intro', 'left', 'right', 'slow', 'deep'].map((s) => ask('burst', s)));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([202, 202, 429, 429, 429]);
    await settle();
    expect(gen.starts).toHaveLength(CAP);
  });

  it('frees a slot when a job finishes, and when it fails', async () => {
    await start();
    const [intro, left] = await fill('a');
    gen.open(intro.key);
    await waitFor(async () => (await statusOf(intro.jobId)) === 'done' || undefined, 15_000, 'intro done');
    const right = await ask('a', 'right');
    expect(right.status).toBe(202);
    expect((await ask('a', 'slow')).status).toBe(429);
    gen.fail(left.key);
    await waitFor(async () => (await statusOf(left.jobId)) === 'failed' || undefined, 5_000, 'left failed');
    expect((await ask('a', 'slow')).status).toBe(202);
    // A rendition already in the store answers 200 and takes no slot.
    const again = await ask('a', 'intro');
    expect(again.status).toBe(200);
    expect((await ask('a', 'deep')).status).toBe(429);
  });

  it('frees a slot when the viewer cancels (DELETE), and the cancelled render is aborted', async () => {
    await start();
    const [, left] = await fill('a');
    const deleted = await cancel('a', left.jobId);
    expect(deleted.status).toBe(200);
    expect(jobOf(deleted).status).toBe('cancelled');
    await waitFor(() => gen.aborted.includes(left.key) || undefined, 5_000, 'left aborted');
    expect((await ask('a', 'right')).status).toBe(202);
    expect((await ask('a', 'slow')).status).toBe(429);
  });

  it('does not affect another viewer; a coalesced want counts for each viewer that asked', async () => {
    await start();
    const [intro] = await fill('a');
    expect((await ask('a', 'right')).status).toBe(429);
    // b joins a's intro job (coalesced: no new render) and asks for one more: both count for b.
    const bIntro = await ask('b', 'intro');
    expect(bIntro.status).toBe(202);
    expect(jobOf(bIntro).jobId).toBe(intro.jobId);
    expect((await ask('b', 'right')).status).toBe(202);
    expect((await ask('b', 'slow')).status).toBe(429);
    await settle();
    expect(gen.starts).toHaveLength(3); // intro, left, right: the coalesced want started nothing
    // a cancels intro: b still wants it, so it keeps rendering, but a's slot is free.
    const deleted = await cancel('a', intro.jobId);
    expect(jobOf(deleted).status).toBe('running');
    expect((await ask('a', 'deep')).status).toBe(202);
    expect((await ask('b', 'deep')).status).toBe(429);
    expect(gen.aborted).toEqual([]);
  });

  it('defaults to 6 and refuses a bad setting at start', async () => {
    // A story with eight generated branches one choice away: eight distinct jobs to ask for.
    const dir = await mkdtemp(join(tmpdir(), 'offshoot-fan-'));
    const branches = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const fan = {
      offshoot: 1,
      id: 'fan',
      title: 'Fan',
      start: 'hub',
      state: {},
      segments: {
        hub: {
          generate: { prompt: 'a hub' },
          duration: 2,
          choice: {
            prompt: 'Where?',
            at: 0.5,
            default: 'a',
            options: branches.map((b) => ({ id: b, label: b, next: b })),
          },
        },
        ...Object.fromEntries(
          branches.map((b) => [b, { generate: { prompt: `branch ${b}` }, duration: 2, end: true }]),
        ),
      },
    };
    await writeFile(join(dir, 'fan.json'), JSON.stringify(fan));
    try {
      gen = gatedGenerator();
      t = await startTestServer({
        stories: dir,
        generator: gen.generator,
        workers: 8,
        rateLimit: { burst: 100, perSecond: 50 },
      });
      up = true;
      const want = (s: string) =>
        postJson(t.url, '/api/v1/generate', { storyId: 'fan', segmentId: s, history: [] }, t.token('d', 'fan'));
      const statuses = [];
      for (const s of ['hub', ...branches]) statuses.push((await want(s)).status);
      expect(statuses).toEqual([202, 202, 202, 202, 202, 202, 429, 429, 429]);
      await settle();
      expect(gen.starts).toHaveLength(6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    for (const bad of [0, 2.5, -1]) {
      await expect(
        startServer({ generator: gen.generator, port: 0, stories: [], secret: SECRET, maxWantsPerViewer: bad }),
      ).rejects.toThrow(/maxWantsPerViewer/);
    }
  });
});

describe('ViewerWants without the queue events', () => {
  it('re-reads held jobs from the queue at the cap, so a missed "finished" event never locks a viewer out', async () => {
    const jobs = new Map<string, GenerationJob>();
    const snapshot = (key: string, status: GenerationJob['status']): GenerationJob => ({
      jobId: key,
      key,
      status,
      progress: 0,
      readySeconds: 0,
      durationSeconds: 2,
      playlistUrl: `/store/${key}/index.m3u8`,
    });
    // A queue whose watch never reports anything (e.g. its event stream dropped).
    const queue = { get: async (key: string) => jobs.get(key), watch: () => () => undefined };
    const wants = new ViewerWants(queue, 2);
    const submit = (key: string) =>
      wants.submitWithin('v', key, async () => {
        jobs.set(key, snapshot(key, 'running'));
        return snapshot(key, 'running');
      });
    expect((await submit('k1')).ok).toBe(true);
    expect((await submit('k2')).ok).toBe(true);
    expect(await submit('k3')).toEqual({ ok: false, held: 2 });
    jobs.set('k1', snapshot('k1', 'done'));
    expect((await submit('k3')).ok).toBe(true);
    expect(wants.count('v')).toBe(2);
    // A submit that throws gives its slot back.
    jobs.set('k2', snapshot('k2', 'failed'));
    await expect(wants.submitWithin('v', 'k4', async () => Promise.reject(new Error('redis down')))).rejects.toThrow(
      'redis down',
    );
    expect(wants.holds('v', 'k4')).toBe(false);
  });
});
