import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialPosition } from '../../../src/core/rules/index.js';
import type {
  GenerationClient,
  GenerationClientOptions,
  GenerationEvents,
} from '../../../src/player/generation/GenerationClient.js';
import { createGenerationClient } from '../../../src/player/generation/GenerationClient.js';
import { forkStory } from './fixtureStory.js';
import type { ScriptedBackend } from './scriptedBackend.js';
import { startScriptedBackend } from './scriptedBackend.js';

const story = forkStory();
let backend: ScriptedBackend;
let client: GenerationClient | undefined;
/** The client's clock (ms): tests move it by hand, so deadlines are exact. */
let clock = 0;

beforeEach(async () => {
  clock = 0;
  backend = await startScriptedBackend();
});
afterEach(async () => {
  client?.destroy();
  client = undefined;
  await backend.close();
});

function start(options: Partial<GenerationClientOptions> = {}): GenerationClient {
  client = createGenerationClient({
    baseUrl: backend.url,
    token: 'tok',
    retry: { baseMs: 40, maxMs: 5000 },
    random: () => 1,
    pollMs: 30,
    now: () => clock,
    ...options,
  });
  return client;
}
function record<K extends keyof GenerationEvents>(c: GenerationClient, type: K): GenerationEvents[K][] {
  const seen: GenerationEvents[K][] = [];
  c.on(type, (e) => seen.push(e));
  return seen;
}
const posts = () => backend.log.filter((r) => r.method === 'POST');
const bodyOf = (segmentId: string) =>
  posts().find((r) => (r.body as { segmentId: string }).segmentId === segmentId)?.body;

describe('generation client against a real HTTP server', () => {
  it('POSTs candidates with deadlines and history, follows SSE progress, and fires ready once the head is playable', async () => {
    const c = start({ maxInFlight: 2, leadFactor: Infinity });
    const ready = record(c, 'ready');
    const progress = record(c, 'progress');
    c.plan(story, initialPosition(story), [], 0);
    await backend.until(() => backend.openStreams() === 2, 'two event streams');
    // Only K=2 in flight: the two nearest (4 s away), not the four 10 s away.
    expect(posts().map((r) => (r.body as { segmentId: string }).segmentId)).toEqual(['left', 'right']);
    expect(posts()[0]?.authorization).toBe('Bearer tok');
    // History: the choices so far plus the path to the candidate (the backend replays it).
    expect(bodyOf('left')).toEqual({
      storyId: 'fork',
      segmentId: 'left',
      history: [{ segmentId: 'intro', optionId: 'left' }],
      deadline: 4,
    });

    const playable = c.whenPlayable('left', 4);
    backend.push('job-left', { status: 'running', progress: 0.2, readySeconds: 1 });
    await backend.until(() => progress.some((p) => p.readySeconds === 1), 'progress 1 s');
    expect(c.status('left')).toMatchObject({ ready: false, readySeconds: 1, state: 'in-flight' });
    backend.push('job-left', { progress: 0.4, readySeconds: 2 });
    await backend.until(() => ready.length === 1, 'ready');
    expect(ready[0]).toEqual({
      segmentId: 'left',
      playlistUrl: `${backend.url}/store/key-left/index.m3u8`,
      readySeconds: 2,
    });
    backend.push('job-left', { progress: 0.7, readySeconds: 4 });
    await expect(playable).resolves.toMatchObject({ segmentId: 'left', readySeconds: 4 });

    // Done at 1.5 s: the stream ends, the slot frees, the next soonest candidate goes out.
    clock = 1500;
    backend.push('job-left', { status: 'done', progress: 1, readySeconds: 6 });
    await backend.until(() => posts().length === 3, 'third POST');
    expect(c.status('left')).toMatchObject({ ready: true, done: true, state: 'done' });
    expect(ready).toHaveLength(1);
    expect(bodyOf('l1')).toMatchObject({
      deadline: 8.5,
      history: [
        { segmentId: 'intro', optionId: 'left' },
        { segmentId: 'left', optionId: 'l1' },
      ],
    });
  });

  it('waits as long as a 429 Retry-After says before asking again', async () => {
    backend.generate.push((_req, res) => {
      res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ error: { code: 'rate-limited', message: 'slow down' } }));
      return true;
    });
    const c = start({ maxInFlight: 1 });
    c.plan(story, initialPosition(story), [], 0);
    await backend.until(() => posts().length === 2, 'the retried POST');
    const [first, second] = posts();
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    await backend.until(() => c.status('left').state === 'in-flight' && backend.openStreams() === 1, 'job accepted');
  });

  it('retries 5xx with growing backoff, then succeeds', async () => {
    const fail = (status: number) => (_req: unknown, res: ServerResponse) => {
      res.writeHead(status, { connection: 'close' });
      res.end('<html>bad gateway</html>');
      return true;
    };
    backend.generate.push(fail(503), fail(502), fail(500));
    const c = start({ maxInFlight: 1 });
    const failed = record(c, 'failed');
    c.plan(story, initialPosition(story), [], 0);
    await backend.until(() => backend.openStreams() === 1, 'job accepted after retries');
    const at = posts().map((r) => r.at);
    expect(at).toHaveLength(4);
    const gaps = at.slice(1).map((t, i) => t - (at[i] as number));
    // random() = 1: the full ceiling, 40·2^n ms.
    expect(gaps[0]).toBeGreaterThanOrEqual(35);
    expect(gaps[1]).toBeGreaterThanOrEqual(75);
    expect(gaps[2]).toBeGreaterThanOrEqual(155);
    expect(failed).toEqual([]);
  });

  it('gives up after the retry budget with a failed event and a rejected whenPlayable', async () => {
    for (let i = 0; i < 3; i++) {
      backend.generate.push((_q, res) => {
        res.writeHead(500, { connection: 'close' });
        res.end();
        return true;
      });
    }
    const c = start({ maxInFlight: 1, retry: { retries: 2, baseMs: 5 } });
    const failed = record(c, 'failed');
    c.plan(story, initialPosition(story), [], 0);
    const waiting = c.whenPlayable('left').catch((e: Error & { code: string }) => e.code);
    await backend.until(() => failed.length === 1, 'failed event');
    expect(failed[0]).toMatchObject({ segmentId: 'left', code: 'server-error' });
    expect(await waiting).toBe('server-error');
    expect(posts().filter((p) => (p.body as { segmentId: string }).segmentId === 'left')).toHaveLength(3);
  });

  it('fails at once on a 4xx, carrying the backend code', async () => {
    backend.generate.push((_q, res) => {
      res.writeHead(403, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ error: { code: 'unreachable', message: 'segment "left" is not reachable' } }));
      return true;
    });
    const c = start({ maxInFlight: 1 });
    const failed = record(c, 'failed');
    c.plan(story, initialPosition(story), [], 0);
    await backend.until(() => failed.length === 1, 'failed event');
    expect(failed[0]).toMatchObject({ segmentId: 'left', code: 'unreachable' });
    expect(failed[0]?.message).toMatch(/not reachable \(HTTP 403\)/);
  });

  it('on a 401 asks getToken() again once, and gives up on a second 401', async () => {
    const unauthorized = (_q: unknown, res: ServerResponse) => {
      res.writeHead(401, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ error: { code: 'bad-token', message: 'token expired' } }));
      return true;
    };
    backend.generate.push(unauthorized);
    let calls = 0;
    const c = start({ token: undefined, getToken: async () => `t${++calls}`, maxInFlight: 1 });
    c.plan(story, initialPosition(story), [], 0);
    await backend.until(() => backend.openStreams() === 1, 'accepted with the new token');
    expect(posts().map((p) => p.authorization)).toEqual(['Bearer t1', 'Bearer t2']);
    expect(calls).toBe(2);

    backend.generate.push(unauthorized, unauthorized);
    const failed = record(c, 'failed');
    c.whenPlayable('right').catch(() => undefined);
    await backend.until(() => failed.length === 1, 'failed event');
    expect(failed[0]).toMatchObject({ segmentId: 'right', code: 'bad-token' });
    expect(calls).toBe(3);
  });

  it('a choice DELETEs the jobs no path reaches any more and closes their streams', async () => {
    const c = start({ maxInFlight: 6 });
    c.plan(story, initialPosition(story), [], 0);
    await backend.until(() => backend.openStreams() === 6, 'six streams');
    backend.push('job-right', { status: 'running', readySeconds: 3 });
    await backend.until(() => c.status('right').ready, 'right ready');
    c.commit([{ segmentId: 'intro', optionId: 'left' }], 1000);
    await backend.until(
      () => backend.log.filter((r) => r.method === 'DELETE').length === 3 && backend.openStreams() === 3,
      'three DELETEs',
    );
    const deleted = backend.log.filter((r) => r.method === 'DELETE');
    expect(deleted.map((r) => r.path).sort()).toEqual([
      '/api/v1/jobs/job-r1',
      '/api/v1/jobs/job-r2',
      '/api/v1/jobs/job-right',
    ]);
    expect(deleted.every((r) => r.authorization === 'Bearer tok')).toBe(true);
    expect(c.stats()).toMatchObject({ requested: 6, cancelled: 3 });
    // The backend drops a cancelled render's partial files: its status must not claim them.
    expect(c.status('right')).toMatchObject({ state: 'idle', ready: false, readySeconds: 0, playlistUrl: undefined });
  });

  it('falls back to polling when the event stream cannot be opened', async () => {
    backend.events.push((_q, res) => {
      res.writeHead(502, { connection: 'close' });
      res.end();
      return true;
    });
    backend.events.push((_q, res) => {
      res.writeHead(502, { connection: 'close' });
      res.end();
      return true;
    });
    const c = start({ maxInFlight: 1 });
    const ready = record(c, 'ready');
    c.plan(story, initialPosition(story), [], 0);
    await backend.until(
      () => backend.log.some((r) => r.method === 'GET' && r.path === '/api/v1/jobs/job-left'),
      'a poll',
    );
    backend.push('job-left', { status: 'done', progress: 1, readySeconds: 6 });
    await backend.until(() => ready.length === 1, 'ready through polling');
    expect(c.status('left').done).toBe(true);
  });

  it('counts a segment reached before its head was ready as late, and a ready one as in time', async () => {
    const c = start({ maxInFlight: 6 });
    c.plan(story, initialPosition(story), [], 0);
    await backend.until(() => backend.openStreams() === 6, 'six streams');
    backend.push('job-left', { status: 'running', readySeconds: 3 });
    await backend.until(() => c.status('left').ready, 'left ready');
    const history = [{ segmentId: 'intro', optionId: 'left' }];
    c.commit(history, 2000);
    c.plan(story, { segmentId: 'left', vars: {}, visits: { intro: 1, left: 1 } }, history, 4000);
    expect(c.stats()).toMatchObject({ readyInTime: 1, late: 0 });
    c.commit([...history, { segmentId: 'left', optionId: 'l2' }], 6000);
    c.plan(
      story,
      { segmentId: 'l2', vars: {}, visits: { intro: 1, left: 1, l2: 1 } },
      [...history, { segmentId: 'left', optionId: 'l2' }],
      10_000,
    );
    expect(c.stats()).toMatchObject({ readyInTime: 1, late: 1 });
  });

  it('destroy closes every stream and socket, aborts a pending POST and rejects waiters', async () => {
    // The fourth POST never gets an answer: destroy must abort it.
    const stalled: Array<ServerResponse> = [];
    backend.generate.push(
      () => false,
      () => false,
      () => false,
      (_q, res) => (stalled.push(res), true),
    );
    const c = start({ maxInFlight: 4 });
    c.plan(story, initialPosition(story), [], 0);
    await backend.until(() => backend.openStreams() === 3 && stalled.length === 1, 'three streams and a stalled POST');
    const waiting = c.whenPlayable('left').catch((e: { code: string }) => e.code);
    c.destroy();
    expect(await waiting).toBe('aborted');
    await backend.until(() => backend.openStreams() === 0, 'streams closed');
    // DELETEs (keepalive) tell the backend the viewer left; then nothing stays open.
    await backend.until(() => backend.log.filter((r) => r.method === 'DELETE').length === 3, 'DELETE on destroy');
    await backend.until(() => backend.openSockets() === 0, 'all sockets closed');
    const before = backend.log.length;
    c.plan(story, initialPosition(story), [], 0); // a late call after destroy does nothing
    await new Promise((r) => setTimeout(r, 100));
    expect(backend.log.length).toBe(before);
  });

  it('rejects bad options with a clear message', () => {
    expect(() => createGenerationClient({ baseUrl: '', token: 't' })).toThrow(/baseUrl must be a non-empty URL/);
    expect(() => createGenerationClient({ baseUrl: 'http://x' })).toThrow(/pass `token` or `getToken`/);
  });
});
