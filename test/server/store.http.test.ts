import { readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationJob } from '../../src/core/index.js';
import { httpRequest, postJson, rawGet, readSse } from './support/httpRequest.js';
import { startTestServer } from './support/startTestServer.js';
import type { TestServer } from './support/startTestServer.js';

let t: TestServer;
let key: string;
const SECRET_TEXT = 'TOP-SECRET-OUTSIDE-THE-STORE';

beforeAll(async () => {
  t = await startTestServer();
  const job = (
    await postJson(t.url, '/api/v1/generate', { storyId: 'cave', segmentId: 'intro', history: [] }, t.token('v'))
  ).json() as GenerationJob;
  key = job.key;
  await readSse(t.url, `/api/v1/jobs/${key}/events`);
  // Bait: files next to and above the store that no URL may reach.
  await writeFile(join(dirname(t.storeDir), 'outside.m3u8'), SECRET_TEXT);
  await writeFile(join(t.storeDir, 'outside.m3u8'), SECRET_TEXT);
  await symlink(join(dirname(t.storeDir), 'outside.m3u8'), join(t.storeDir, key, 'link.m3u8'));
  await symlink(join(dirname(t.storeDir), 'outside.m3u8'), join(t.storiesDir, 'media', 'link.m3u8'));
});
afterAll(() => t.stop());

describe('store and story media never serve a path outside their folder', () => {
  it('refuses every traversal trick with 400 or 404', async () => {
    const attempts = [
      `/store/${key}/../outside.m3u8`,
      `/store/${key}/../../outside.m3u8`,
      `/store/${key}/%2e%2e/outside.m3u8`,
      `/store/${key}/%2E%2E/%2e%2e/outside.m3u8`,
      `/store/${key}/..%2foutside.m3u8`,
      `/store/${key}/..%2F..%2Foutside.m3u8`,
      `/store/${key}/..%5c..%5coutside.m3u8`,
      `/store/${key}//etc/passwd`,
      `/store/${key}/%2fetc%2fpasswd`,
      `/store/${key}/${encodeURIComponent(join(dirname(t.storeDir), 'outside.m3u8'))}`,
      `/store/${key}/index.m3u8%00.m3u8`,
      `/store/${key}/index.m3u8\0`,
      `/store/${key}/link.m3u8`,
      `/store/${key}/%252e%252e/outside.m3u8`,
      `/store/..%2foutside.m3u8/x`,
      `/store/%2e%2e/outside.m3u8`,
      `/store/../outside.m3u8`,
      `/store/.partial/${key}/index.m3u8`,
      `/store/${'a'.repeat(64)}/../${key}/index.m3u8`,
      `/api/v1/stories/cave/../cave.json`,
      `/api/v1/stories/cave/secret.txt`,
      `/api/v1/stories/cave/%2e%2e/%2e%2e/outside.m3u8`,
      `/api/v1/stories/cave/media/link.m3u8`,
      `/api/v1/stories/%2e%2e/media/poster/index.m3u8`,
      `/api/v1/stories/..%2f..%2f/story.json`,
      `/api/v1/jobs/%2e%2e%2f${key}`,
    ];
    for (const path of attempts) {
      const reply = await rawGet(t.url, path);
      expect([400, 404], path).toContain(reply.status);
      expect(reply.text, path).not.toContain(SECRET_TEXT);
    }
  });
});

describe('store HTTP semantics', () => {
  it('answers byte ranges with 206, suffix ranges, and 416 past the end', async () => {
    const file = await readFile(join(t.storeDir, key, 'seg_00000.m4s'));
    const path = `/store/${key}/seg_00000.m4s`;
    const first = await httpRequest(t.url, path, { headers: { Range: 'bytes=0-99' } });
    expect(first.status).toBe(206);
    expect(first.headers['content-range']).toBe(`bytes 0-99/${file.length}`);
    expect(first.body.equals(file.subarray(0, 100))).toBe(true);
    const tail = await httpRequest(t.url, path, { headers: { Range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(file.subarray(file.length - 10))).toBe(true);
    const open = await httpRequest(t.url, path, { headers: { Range: 'bytes=100-' } });
    expect(open.body.equals(file.subarray(100))).toBe(true);
    const past = await httpRequest(t.url, path, { headers: { Range: `bytes=${file.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${file.length}`);
    const whole = await httpRequest(t.url, path, { headers: { Range: 'bytes=0-1,5-9' } });
    expect(whole.status).toBe(200);
    expect(whole.body.equals(file)).toBe(true);
    const staleIfRange = await httpRequest(t.url, path, { headers: { Range: 'bytes=0-9', 'If-Range': '"stale"' } });
    expect(staleIfRange.status).toBe(200);
  });

  it('sends content types, ETag/304, HEAD, CORS and immutable caching', async () => {
    const path = `/store/${key}/init.mp4`;
    const reply = await httpRequest(t.url, path);
    expect(reply.headers['content-type']).toBe('video/mp4');
    expect(reply.headers['accept-ranges']).toBe('bytes');
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(reply.headers['access-control-allow-origin']).toBe('*');
    // Resource Timing on another origin shows sizes and response times only with TAO (the player's ABR reads them).
    expect(reply.headers['timing-allow-origin']).toBe('*');
    expect(reply.headers['access-control-expose-headers']).toContain('Content-Range');
    const etag = reply.headers.etag as string;
    expect((await httpRequest(t.url, path, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const head = await httpRequest(t.url, path, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBe(reply.body.length);
    const preflight = await httpRequest(t.url, '/api/v1/generate', {
      method: 'OPTIONS',
      headers: { Origin: 'https://embedder.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('Authorization');
    expect((await httpRequest(t.url, `/store/${key}/missing.m4s`)).status).toBe(404);
    expect((await httpRequest(t.url, `/store/${key}/notes.txt`)).status).toBe(404);
    expect((await httpRequest(t.url, '/api/v1/generate')).status).toBe(405);
  });
});
