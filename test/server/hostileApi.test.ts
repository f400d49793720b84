// Hostile use of every URL parameter and body field of the API, over real HTTP against the
// real server: each attempt is refused with 400/404 (or 431 for an oversized request line),
// never a 5xx, never a file from outside the store, and never a render (ffmpeg spawns are
// counted). Complements store.http.test.ts (store/story media paths) and api.guards.test.ts.
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationJob } from '../../src/core/index.js';
import type { InProcessQueue } from '../../src/server/index.js';
import { httpRequest, postJson, rawGet, readSse } from './support/httpRequest.js';
import { startTestServer } from './support/startTestServer.js';
import type { TestServer } from './support/startTestServer.js';

const SECRET_TEXT = 'HOSTILE-BAIT-OUTSIDE';
let t: TestServer;
let key: string;

beforeAll(async () => {
  t = await startTestServer({ rateLimit: { burst: 1000, perSecond: 500 } });
  const job = (
    await postJson(t.url, '/api/v1/generate', { storyId: 'cave', segmentId: 'intro', history: [] }, t.token('setup'))
  ).json() as GenerationJob;
  key = job.key;
  await readSse(t.url, `/api/v1/jobs/${key}/events`);
  for (const dir of [dirname(t.storeDir), t.storeDir, dirname(t.storiesDir)])
    await writeFile(join(dir, 'bait.m3u8'), SECRET_TEXT).catch(() => undefined);
  await writeFile(join(t.storeDir, 'bait.json'), SECRET_TEXT);
});
afterAll(() => t.stop());

/** Values an attacker puts in one path parameter (already in URL form: raw, encoded, double-encoded…). */
const EVIL = [
  '..',
  '.',
  '%2e%2e',
  '%2E%2E',
  '%252e%252e',
  '..%2f..%2fbait.m3u8',
  '..%252f..%252fbait.m3u8',
  '..%5c..%5cbait.m3u8',
  '..\\..\\bait.m3u8',
  '%5c%5cserver%5cshare',
  '%2fetc%2fpasswd',
  '%00',
  'intro%00.json',
  'cave%00',
  '%c0%ae%c0%ae',
  '%e2%80%a4%e2%80%a4',
  '%uff0e%uff0e',
  '..;',
  'C:%5cWindows',
  '%',
  '%zz',
  `${'a'.repeat(64)}%2f..`,
  'a'.repeat(4000),
  '%41'.repeat(1200),
];

/**
 * Every route with a URL parameter, with `{p}` where the hostile value goes (the other parts
 * valid), and `ok`: a value that is served there, to show each template reaches its route.
 */
function routes(): Array<{ method: string; path: string; ok?: string }> {
  return [
    { method: 'GET', path: '/api/v1/jobs/{p}', ok: key },
    { method: 'DELETE', path: '/api/v1/jobs/{p}', ok: key },
    { method: 'GET', path: '/api/v1/jobs/{p}/events', ok: key },
    { method: 'GET', path: '/api/v1/stories/{p}', ok: 'cave' },
    { method: 'GET', path: '/api/v1/stories/{p}/story.json', ok: 'cave' },
    { method: 'GET', path: '/api/v1/stories/{p}/media/poster/seg.m4s', ok: 'cave' },
    { method: 'GET', path: '/api/v1/stories/cave/{p}', ok: 'story.json' },
    { method: 'GET', path: '/api/v1/stories/cave/media/{p}/seg.m4s', ok: 'poster' },
    { method: 'GET', path: '/store/{p}/index.m3u8', ok: key },
    { method: 'GET', path: '/store/{p}/..%2fbait.m3u8' },
    { method: 'GET', path: '/store/KEY/{p}', ok: 'index.m3u8' },
    { method: 'GET', path: '/store/KEY/{p}/index.m3u8' },
    { method: 'GET', path: '/store/KEY/{p}.m3u8', ok: 'media' },
  ];
}

function send(method: string, path: string): Promise<{ status: number; text: string }> {
  // GETs go byte for byte over a socket (node:http refuses some of these bytes); DELETE carries a token.
  if (method === 'GET') return rawGet(t.url, path);
  return httpRequest(t.url, path, { method, headers: { Authorization: `Bearer ${t.token('attacker')}` } }).catch(
    (e: Error) => ({ status: -1, text: e.message }),
  );
}

describe('path traversal and junk in every URL parameter', () => {
  it('refuses each with 400 or 404, leaks nothing, renders nothing', async () => {
    const before = t.spawned.length;
    const failures: string[] = [];
    for (const route of routes()) {
      for (const evil of EVIL) {
        const path = route.path.replace('KEY', key).replace('{p}', evil);
        const reply = await send(route.method, path);
        if (![400, 404].includes(reply.status) || reply.text.includes(SECRET_TEXT))
          failures.push(`${route.method} ${path.slice(0, 120)} → ${reply.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(t.spawned.length).toBe(before);
    // No SSE subscription or wants entry outlived its refused request.
    expect((t.server.queue as InProcessQueue).watcherCount()).toBe(0);
    expect((await httpRequest(t.url, '/healthz')).status).toBe(200);
  });

  it('serves each route template with a valid value (so the refusals above are the guards, not a wrong URL)', async () => {
    for (const route of routes().filter((r) => r.ok !== undefined)) {
      const path = route.path.replace('KEY', key).replace('{p}', route.ok as string);
      // An SSE reply keeps its connection alive: read it as a stream that ends with the job.
      const reply = path.endsWith('/events') ? await readSse(t.url, path) : await send(route.method, path);
      expect(reply.status, `${route.method} ${path}`).toBe(200);
    }
  });

  it('answers an oversized request line with 431 and keeps serving', async () => {
    const reply = await rawGet(t.url, `/api/v1/jobs/${'a'.repeat(20_000)}`);
    expect(reply.status).toBe(431);
    expect((await httpRequest(t.url, `/store/${key}/index.m3u8`)).status).toBe(200);
  });

  it('refuses hostile ids in every body field of a generation request with a 400 naming the field', async () => {
    const before = t.spawned.length;
    const token = t.token('attacker-body');
    const values = [
      '..',
      '../cave',
      '..\\cave',
      'cave/../cave',
      '/etc/passwd',
      'cave\u0000',
      '%2e%2e',
      'a'.repeat(129),
      '',
      ' cave',
      'cave\n',
      '.hidden',
    ];
    const valid = { storyId: 'cave', segmentId: 'left', history: [{ segmentId: 'intro', optionId: 'left' }] };
    const cases: Array<[string, (v: string) => unknown]> = [
      ['storyId', (v) => ({ ...valid, storyId: v })],
      ['segmentId', (v) => ({ ...valid, segmentId: v })],
      ['history[0].segmentId', (v) => ({ ...valid, history: [{ segmentId: v, optionId: 'left' }] })],
      ['history[0].optionId', (v) => ({ ...valid, history: [{ segmentId: 'intro', optionId: v }] })],
    ];
    for (const [field, make] of cases) {
      for (const value of values) {
        const reply = await postJson(t.url, '/api/v1/generate', make(value), token);
        expect(reply.status, `${field}=${JSON.stringify(value)}`).toBe(400);
        expect((reply.json() as { error: { message: string } }).error.message.startsWith(field)).toBe(true);
      }
    }
    expect(t.spawned.length).toBe(before);
  });
});

describe('segments the story does not reach from the claimed history', () => {
  it('refuses each (403 unreachable or 400 bad-history) and renders nothing', async () => {
    const before = t.spawned.length;
    const token = t.token('climber');
    const cases: Array<[string, Array<{ segmentId: string; optionId: string }>, number, string]> = [
      // Went left: the lake on the right is no longer ahead, nor is the start behind.
      ['right', [{ segmentId: 'intro', optionId: 'left' }], 403, 'unreachable'],
      ['intro', [{ segmentId: 'intro', optionId: 'left' }], 403, 'unreachable'],
      ['slow', [{ segmentId: 'intro', optionId: 'right' }], 403, 'unreachable'],
      // Three levels ahead of the start: past the lookahead.
      ['far', [], 403, 'unreachable'],
      // Looked at the poster (media of its own), then asks for the other branch.
      ['left', [{ segmentId: 'intro', optionId: 'look' }], 403, 'unreachable'],
      // Histories that the story never offered.
      ['deep', [{ segmentId: 'intro', optionId: 'jump-to-deep' }], 400, 'bad-history'],
      ['far', [{ segmentId: 'deep', optionId: 'left' }], 400, 'bad-history'],
      [
        'far',
        [
          { segmentId: 'intro', optionId: 'left' },
          { segmentId: 'intro', optionId: 'left' },
        ],
        400,
        'bad-history',
      ],
    ];
    for (const [segmentId, history, status, code] of cases) {
      const reply = await postJson(t.url, '/api/v1/generate', { storyId: 'cave', segmentId, history }, token);
      expect(reply.status, `${segmentId} after ${JSON.stringify(history)}`).toBe(status);
      expect((reply.json() as { error: { code: string } }).error.code).toBe(code);
    }
    expect(t.spawned.length).toBe(before);
  });
});
