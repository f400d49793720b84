import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../bench/support/staticServer.js';
import type { StaticServer } from '../../bench/support/staticServer.js';

/** A raw GET (fetch would normalise `..` away before it reaches the server). */
function get(
  origin: string,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method: 'GET', path }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });
}

describe('startStaticServer', () => {
  let dir = '';
  let server: StaticServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'offshoot-static-'));
    writeFileSync(join(dir, 'index.m3u8'), '#EXTM3U\n');
    writeFileSync(join(tmpdir(), 'offshoot-static-outside.txt'), 'secret');
    server = await startStaticServer(
      { '/media/': dir },
      { '/': { body: '<p>hi</p>', type: 'text/html' }, '/story.json': '{}' },
      { headers: { 'content-security-policy': "default-src 'self'" } },
    );
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(tmpdir(), 'offshoot-static-outside.txt'), { force: true });
  });

  it('serves files under a prefix with their type, and documents, with the extra headers on every reply', async () => {
    const file = await get(server.origin, '/media/index.m3u8');
    expect(file).toMatchObject({ status: 200, body: '#EXTM3U\n' });
    expect(file.headers).toMatchObject({
      'content-type': 'application/vnd.apple.mpegurl',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'self'",
    });
    expect(await get(server.origin, '/')).toMatchObject({ status: 200, body: '<p>hi</p>' });
    expect((await get(server.origin, '/story.json')).headers['content-type']).toMatch(/^application\/json/);
    const missing = await get(server.origin, '/media/nope.m4s');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-security-policy']).toBe("default-src 'self'");
  });

  it('never serves a file outside its folder, and counts what it served', async () => {
    server.resetCounts();
    expect((await get(server.origin, '/media/../offshoot-static-outside.txt')).status).toBe(404);
    expect((await get(server.origin, '/media/%2e%2e/offshoot-static-outside.txt')).status).toBe(404);
    expect((await get(server.origin, '/media/%E0%A4%A')).status).toBe(400);
    await get(server.origin, '/media/index.m3u8');
    expect(server.counts).toMatchObject({ requests: 4, bytes: 8 });
    expect(server.counts.notFound).toHaveLength(2);
  });
});
