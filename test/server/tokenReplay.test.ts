// Replayed and over-long viewer tokens, over real HTTP against the real server. A bearer token
// is meant to be sent again and again by its viewer; what a replay by someone else can do is
// bounded: lifetime cap, revocation (one token by jti, or all of a viewer's tokens), the
// viewer's own rate limit and cap (fresh tokens for the same viewer share them), and another
// viewer's DELETE never cancels a job someone else still wants. See docs/generation-api.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationJob } from '../../src/core/index.js';
import { signViewerToken, TokenRevocations, verifyViewerToken } from '../../src/server/index.js';
import type { TokenRevocations as Revocations } from '../../src/server/index.js';
import { SECRET } from './support/caveStory.js';
import { httpRequest, postJson, readSse } from './support/httpRequest.js';
import { startTestServer } from './support/startTestServer.js';
import type { TestServer } from './support/startTestServer.js';

const now = () => Math.floor(Date.now() / 1000);
const sign = (claims: { sub: string; story?: string; exp?: number; iat?: number; jti?: string }) =>
  signViewerToken({ story: 'cave', exp: now() + 600, ...claims }, SECRET);
const codeOf = (r: { json: () => unknown }) => (r.json() as { error?: { code: string } }).error?.code;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ rateLimit: { burst: 3, perSecond: 0.01 }, maxTokenLifetimeSeconds: 3600 });
});
afterAll(() => t.stop());

const ask = (token: string, segmentId = 'intro') =>
  postJson(t.url, '/api/v1/generate', { storyId: 'cave', segmentId, history: [] }, token);

describe('verifyViewerToken policy', () => {
  it('checks lifetime, issue time and revocation, and returns iat/jti only when present', () => {
    const token = signViewerToken({ sub: 'v', story: 's', exp: 2_000, iat: 1_000, jti: 'j1' }, SECRET);
    expect(verifyViewerToken(token, SECRET, 1_500)).toEqual({
      sub: 'v',
      story: 's',
      exp: 2_000,
      iat: 1_000,
      jti: 'j1',
    });
    expect(() => verifyViewerToken(token, SECRET, 1_500, { maxLifetimeSeconds: 100 })).toThrow(
      /lives 1000 s; this backend accepts at most 100 s/,
    );
    expect(() => verifyViewerToken(token, SECRET, 800)).toThrow(/issued in the future/);
    const revocations = new TokenRevocations(3600, () => 1_500);
    const policy = { revoked: (c: Parameters<Revocations['reason']>[0]) => revocations.reason(c) };
    revocations.revokeToken('j1', 2_000);
    expect(() => verifyViewerToken(token, SECRET, 1_500, policy)).toThrow(/j1 was revoked/);
    const other = signViewerToken({ sub: 'v', story: 's', exp: 2_000, iat: 1_100, jti: 'j2' }, SECRET);
    expect(verifyViewerToken(other, SECRET, 1_500, policy).jti).toBe('j2');
    revocations.revokeViewer('v', 1_200);
    expect(() => verifyViewerToken(other, SECRET, 1_500, policy)).toThrow(/viewer "v" issued before/);
    const later = signViewerToken({ sub: 'v', story: 's', exp: 2_000, iat: 1_300 }, SECRET);
    expect(verifyViewerToken(later, SECRET, 1_500, policy).sub).toBe('v');
    // Without iat a token counts as issued long ago: a viewer revocation covers it too.
    expect(() =>
      verifyViewerToken(signViewerToken({ sub: 'v', story: 's', exp: 2_000 }, SECRET), SECRET, 1_500, policy),
    ).toThrow(/revoked/);
  });

  it('forgets revocations once every token they cover has expired', () => {
    let clock = 1_000;
    const revocations = new TokenRevocations(100, () => clock);
    revocations.revokeToken('a', 1_050);
    revocations.revokeViewer('v');
    expect(revocations.size()).toBe(2);
    clock = 1_200;
    revocations.revokeToken('b', 1_300);
    expect(revocations.size()).toBe(1);
  });
});

describe('replayed and over-long tokens over HTTP', () => {
  it('refuses a token that lives past the cap (with or without iat) and one issued in the future, rendering nothing', async () => {
    const before = t.spawned.length;
    const month = await ask(sign({ sub: 'greedy', exp: now() + 30 * 86_400 }));
    expect(month.status).toBe(401);
    expect(codeOf(month)).toBe('token-lifetime');
    expect((await ask(sign({ sub: 'greedy', iat: now() - 60, exp: now() + 7200 }))).status).toBe(401);
    const future = await ask(sign({ sub: 'greedy', iat: now() + 3600, exp: now() + 3700 }));
    expect(codeOf(future)).toBe('token-not-yet-valid');
    expect(t.spawned.length).toBe(before);
  });

  it('refuses a replayed token once revoked, by jti or by viewer; a token issued afterwards works', async () => {
    const revocations = t.server.revocations as Revocations;
    const stolen = sign({ sub: 'victim', iat: now() - 10, jti: 'stolen-1' });
    const sibling = sign({ sub: 'victim', iat: now() - 10, jti: 'sibling-1' });
    expect((await ask(stolen)).status).toBe(202);
    revocations.revokeToken('stolen-1', now() + 600);
    const replay = await ask(stolen);
    expect(replay.status).toBe(401);
    expect(codeOf(replay)).toBe('token-revoked');
    expect(replay.headers['www-authenticate']).toContain('invalid_token');
    // DELETE checks it too.
    expect(
      (
        await httpRequest(t.url, `/api/v1/jobs/${'0'.repeat(64)}`, {
          method: 'DELETE',
          headers: { Authorization: `Bearer ${stolen}` },
        })
      ).status,
    ).toBe(401);
    expect((await ask(sibling)).status).toBe(202);
    revocations.revokeViewer('victim', now());
    expect(codeOf(await ask(sibling))).toBe('token-revoked');
    expect((await ask(sign({ sub: 'victim', iat: now() + 1, jti: 'fresh' }))).status).toBe(202);
  });

  it('fresh tokens for one viewer share its rate limit: replaying or re-minting buys no extra renders', async () => {
    const segments = ['right', 'left', 'right', 'slow', 'slow', 'slow'];
    const replies = [];
    for (const [i, segmentId] of segments.entries())
      replies.push(await ask(sign({ sub: 'minter', jti: `m-${i}` }), segmentId));
    expect(replies.map((r) => r.status)).toEqual([202, 202, 202, 429, 429, 429]);
    // 3 accepted requests for 2 distinct segments: once they are over, each rendered once;
    // the refused ones (the only asks for "slow" so far) rendered nothing.
    const keys = new Set(replies.filter((r) => r.status === 202).map((r) => (r.json() as GenerationJob).key));
    for (const key of keys) await readSse(t.url, `/api/v1/jobs/${key}/events`);
    expect(keys.size).toBe(2);
    for (const key of keys)
      expect(t.logs.filter((l) => l.startsWith(`render ${key.slice(0, 12)} start`))).toHaveLength(1);
    expect(t.logs.filter((l) => l.includes('"a long wait"'))).toEqual([]);
    expect((await ask(sign({ sub: 'bystander' }), 'left')).status).toBe(200);
  });

  it("another viewer's DELETE (a replayed job id) does not cancel a job the first viewer still wants", async () => {
    const job = (await ask(sign({ sub: 'owner' }), 'slow')).json() as GenerationJob;
    expect(job.status).not.toBe('done');
    const del = (sub: string) =>
      httpRequest(t.url, `/api/v1/jobs/${job.jobId}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${sign({ sub })}` },
      });
    const other = await del('intruder');
    expect(other.status).toBe(200);
    expect((other.json() as GenerationJob).status).not.toBe('cancelled');
    expect(((await httpRequest(t.url, `/api/v1/jobs/${job.jobId}`)).json() as GenerationJob).status).not.toBe(
      'cancelled',
    );
    expect(((await del('owner')).json() as GenerationJob).status).toBe('cancelled');
  });
});
