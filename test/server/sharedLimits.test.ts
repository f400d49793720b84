// With --redis, the rate limit and token revocations hold for the fleet: two API processes
// (one spawned as `offshoot serve`, one in this process) behind one real redis-server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStoriesDir } from './support/caveStory.js';
import { httpRequest, postJson } from './support/httpRequest.js';
import { spawnServe } from './support/spawnServe.js';
import type { ServeProcess } from './support/spawnServe.js';
import { startRedis } from './support/startRedis.js';
import type { TestRedis } from './support/startRedis.js';
import { createProceduralGenerator, signViewerToken, startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/index.js';

const SECRET = 'shared-limits-secret-0123456789ab';
let redis: TestRedis;
let stories: string;
let store: string;
let apiA: ServeProcess;
const others: RunningServer[] = [];

/** Another API process on the same Redis (in this process: its own limiter and revocations, nothing shared but Redis). */
async function apiOnRedis(): Promise<RunningServer> {
  const server = await startServer({
    // The same generator as the CLI process: the same rendition keys (nothing renders: no workers).
    generator: createProceduralGenerator({ renderer: 'cpu' }),
    port: 0,
    stories,
    store,
    secret: SECRET,
    redisUrl: redis.url,
    workers: 0,
    rateLimit: { burst: 5, perSecond: 0.01 },
    maxWantsPerViewer: 2,
    log: () => undefined,
  });
  others.push(server);
  return server;
}

const token = (sub: string) =>
  signViewerToken(
    { sub, story: 'cave', exp: Math.floor(Date.now() / 1000) + 600, iat: Math.floor(Date.now() / 1000) - 5 },
    SECRET,
  );
const ask = (url: string, t: string, segmentId = 'intro') =>
  postJson(url, '/api/v1/generate', { storyId: 'cave', segmentId, history: [] }, t);
const code = (r: { json: () => unknown }) => (r.json() as { error?: { code: string } }).error?.code;

beforeAll(async () => {
  redis = await startRedis();
  stories = await makeStoriesDir();
  store = await mkdtemp(join(tmpdir(), 'offshoot-shared-store-'));
  apiA = await spawnServe([
    ...['--port', '0', '--stories', stories, '--store', store, '--secret', SECRET],
    ...['--redis', redis.url, '--workers', '0', '--rate-limit', '0.01', '--rate-burst', '5'],
    ...['--max-wants-per-viewer', '2', '--renderer', 'cpu'],
  ]);
}, 60_000);

afterAll(async () => {
  apiA?.child.kill('SIGKILL');
  for (const server of others) await server.close();
  await redis?.stop();
  await rm(stories, { recursive: true, force: true });
  await rm(store, { recursive: true, force: true });
});

describe('limits shared across API processes (--redis)', () => {
  it('one rate-limit allowance per viewer across processes', async () => {
    const apiB = await apiOnRedis();
    const viewer = token('rate-viewer');
    expect((await ask(apiA.url, viewer)).status).toBe(202);
    expect((await ask(apiB.url, viewer)).status).toBe(202);
    expect((await ask(apiA.url, viewer)).status).toBe(202);
    expect((await ask(apiB.url, viewer)).status).toBe(202);
    expect((await ask(apiA.url, viewer)).status).toBe(202);
    // Burst 5 spent over two processes: the sixth is refused wherever it lands.
    const refused = await ask(apiB.url, viewer);
    expect(refused.status).toBe(429);
    expect(code(refused)).toBe('rate-limited');
    expect(refused.headers['retry-after']).toBeDefined();
    // Another viewer has its own allowance.
    expect((await ask(apiB.url, token('other-viewer'))).status).toBe(202);
  });

  it('a revocation made on one process is refused by the others, and by one started later', async () => {
    const apiB = await apiOnRedis();
    const viewer = token('revoked-viewer');
    expect((await ask(apiA.url, viewer)).status).toBe(202);
    await apiB.revocations!.revokeViewer('revoked-viewer');
    // Pub/sub reaches the other process within milliseconds; allow for a loaded machine.
    let refused = await ask(apiA.url, viewer);
    for (let i = 0; refused.status !== 401 && i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      refused = await ask(apiA.url, viewer);
    }
    expect(refused.status).toBe(401);
    expect(code(refused)).toBe('token-revoked');
    const apiC = await apiOnRedis();
    const late = await ask(apiC.url, viewer);
    expect([late.status, code(late)]).toEqual([401, 'token-revoked']);
    // A token issued after the revocation is accepted everywhere.
    const fresh = signViewerToken(
      {
        sub: 'revoked-viewer',
        story: 'cave',
        exp: Math.floor(Date.now() / 1000) + 600,
        iat: Math.floor(Date.now() / 1000) + 1,
      },
      SECRET,
    );
    await new Promise((resolve) => setTimeout(resolve, 1100)); // iat must not be in the future
    expect((await ask(apiC.url, fresh)).status).toBe(202);
  }, 30_000);

  it('one cap on unfinished jobs per viewer across processes, freed by a DELETE on either', async () => {
    const apiB = await apiOnRedis();
    const viewer = token('wants-viewer');
    // No render workers: the jobs stay unfinished, so each one holds a slot.
    const first = await ask(apiA.url, viewer, 'left');
    expect(first.status).toBe(202);
    expect((await ask(apiB.url, viewer, 'right')).status).toBe(202);
    const refused = await ask(apiA.url, viewer, 'slow');
    expect([refused.status, code(refused)]).toEqual([429, 'too-many-wants']);
    expect((refused.json() as { error: { held: number } }).error.held).toBe(2);
    // Asking again for a job it holds takes no second slot, on any process.
    expect((await ask(apiB.url, viewer, 'left')).status).toBe(202);
    // Withdrawn on B, the job A counted frees the slot for the fleet.
    const { jobId } = first.json() as { jobId: string };
    const gone = await httpRequest(apiB.url, `/api/v1/jobs/${jobId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${viewer}` },
    });
    expect(gone.status).toBe(200);
    expect((await ask(apiA.url, viewer, 'slow')).status).toBe(202);
  });
});
