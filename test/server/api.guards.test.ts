import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signViewerToken } from '../../src/server/index.js';
import { SECRET } from './support/caveStory.js';
import { postJson, readSse } from './support/httpRequest.js';
import { startTestServer } from './support/startTestServer.js';
import type { TestServer } from './support/startTestServer.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ rateLimit: { burst: 100, perSecond: 50 } });
});
afterAll(() => t.stop());

const body = { storyId: 'cave', segmentId: 'left', history: [{ segmentId: 'intro', optionId: 'left' }] };
const generate = (payload: unknown, token?: string) => postJson(t.url, '/api/v1/generate', payload, token);
const errorOf = (r: { json: () => unknown }) => (r.json() as { error: { code: string; message: string } }).error;

describe('POST /api/v1/generate refuses before any render work', () => {
  it('refuses missing, forged and expired tokens with 401', async () => {
    expect((await generate(body)).status).toBe(401);
    const good = t.token('v1');
    const [prefix, claims, signature] = good.split('.') as [string, string, string];
    const otherClaims = Buffer.from(JSON.stringify({ sub: 'admin', story: '*', exp: 9e9 })).toString('base64url');
    const forged = [
      `${prefix}.${otherClaims}.${signature}`,
      `${prefix}.${claims}.${signature.slice(0, -2)}AA`,
      signViewerToken({ sub: 'v1', story: 'cave', exp: 9e9 }, 'another-secret-0123456789'),
      'garbage',
    ];
    for (const token of forged) {
      const reply = await generate(body, token);
      expect(reply.status, token).toBe(401);
      expect(reply.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    const expired = await generate(
      body,
      signViewerToken({ sub: 'v1', story: 'cave', exp: Math.floor(Date.now() / 1000) - 1 }, SECRET),
    );
    expect(expired.status).toBe(401);
    expect(errorOf(expired).code).toBe('token-expired');
    expect(t.spawned).toHaveLength(0);
  });

  it('refuses a token issued for another story (403) and accepts a "*" token', async () => {
    const wrong = await generate(body, t.token('v1', 'other-story'));
    expect(wrong.status).toBe(403);
    expect(errorOf(wrong).code).toBe('token-wrong-story');
    expect((await generate(body, t.token('v1', '*'))).status).toBe(202);
  });

  it('refuses unreachable segments (403) and histories that do not fit (400)', async () => {
    const far = await generate({ storyId: 'cave', segmentId: 'far', history: [] }, t.token('v2'));
    expect(far.status).toBe(403);
    expect(errorOf(far)).toMatchObject({ code: 'unreachable' });
    expect(errorOf(far).message).toContain('"far"');
    const history = await generate(
      { storyId: 'cave', segmentId: 'deep', history: [{ segmentId: 'intro', optionId: 'fly' }] },
      t.token('v2'),
    );
    expect(history.status).toBe(400);
    expect(errorOf(history).code).toBe('bad-history');
    expect(errorOf(history).message).toContain('fly');
    const poster = await generate(
      { storyId: 'cave', segmentId: 'poster', history: [{ segmentId: 'intro', optionId: 'look' }] },
      t.token('v2'),
    );
    expect(errorOf(poster).code).toBe('not-generated');
    expect((await generate({ storyId: 'cave', segmentId: 'nope', history: [] }, t.token('v2'))).status).toBe(404);
    expect((await generate({ storyId: 'nope', segmentId: 'intro', history: [] }, t.token('v2', '*'))).status).toBe(404);
  });

  it('refuses oversized (413), malformed (400) and wrongly shaped (400) bodies with a clear message', async () => {
    const token = t.token('v3');
    const huge = await generate(
      { ...body, history: Array.from({ length: 2000 }, () => ({ segmentId: 'intro', optionId: 'left' })) },
      token,
    );
    expect(huge.status).toBe(413);
    const broken = await generate('{"storyId": "cave", ', token);
    expect(broken.status).toBe(400);
    expect(errorOf(broken).code).toBe('bad-json');
    const cases: Array<[unknown, string]> = [
      [[], 'body'],
      [{ ...body, state: { brave: true } }, 'state'],
      [{ ...body, segmentId: 7 }, 'segmentId'],
      [{ ...body, history: 'intro' }, 'history'],
      [{ ...body, history: [{ segmentId: 'intro' }] }, 'history[0].optionId'],
      [{ ...body, deadline: -1 }, 'deadline'],
      [{ ...body, storyId: '../etc' }, 'storyId'],
    ];
    for (const [payload, field] of cases) {
      const reply = await generate(payload, token);
      expect(reply.status, field).toBe(400);
      expect(errorOf(reply).message.startsWith(field), errorOf(reply).message).toBe(true);
    }
  });
});

describe('per-viewer rate limit', () => {
  it('answers a flood with 429 + Retry-After and starts no render for refused requests', async () => {
    const limited = await startTestServer({ rateLimit: { burst: 2, perSecond: 0.05 } });
    try {
      const token = limited.token('flooder');
      const targets = ['intro', 'left', 'right', 'slow', 'left', 'right', 'slow', 'intro', 'right', 'slow'];
      const replies = [];
      for (const segmentId of targets) {
        replies.push(
          await postJson(limited.url, '/api/v1/generate', { storyId: 'cave', segmentId, history: [] }, token),
        );
      }
      expect(replies.slice(0, 2).map((r) => r.status)).toEqual([202, 202]);
      for (const reply of replies.slice(2)) {
        expect(reply.status).toBe(429);
        expect(Number(reply.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
      // Other viewers are not affected by one viewer's flood.
      const calm = await postJson(
        limited.url,
        '/api/v1/generate',
        { storyId: 'cave', segmentId: 'right', history: [] },
        limited.token('calm'),
      );
      expect(calm.status).toBe(202);
      for (const reply of [replies[0], replies[1], calm])
        await readSse(limited.url, `/api/v1/jobs/${(reply?.json() as { jobId: string }).jobId}/events`);
      expect(limited.spawned, limited.logs.join('\n')).toHaveLength(3);
    } finally {
      await limited.stop();
    }
  });
});
