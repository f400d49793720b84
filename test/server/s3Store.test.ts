// The segment store in an S3 bucket, against a real S3-protocol server (s3rver) on loopback:
// process A (this one) renders into `s3://…` with the real server and a real ffmpeg render at
// real-time speed; process B (`offshoot serve --store s3://…`, its own process, endpoint and
// keys from the environment) renders nothing and serves the same rendition from the bucket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationJob } from '../../src/core/index.js';
import { openS3Store } from '../../src/server/store/s3/openS3Store.js';
import { parseS3Url } from '../../src/server/store/s3/s3Location.js';
import { S3SegmentStore } from '../../src/server/store/s3/S3SegmentStore.js';
import { SECRET } from './support/caveStory.js';
import { httpRequest, postJson, rawGet } from './support/httpRequest.js';
import { spawnServe } from './support/spawnServe.js';
import type { ServeProcess } from './support/spawnServe.js';
import { startS3rver } from './support/startS3rver.js';
import type { TestS3 } from './support/startS3rver.js';
import { startTestServer } from './support/startTestServer.js';
import type { TestServer } from './support/startTestServer.js';

const PREFIX = 'team/offshoot';
let s3: TestS3;
let a: TestServer;
let b: ServeProcess;
let key: string;
/** Every object key process A wrote, in order (its real client, with a recording step). */
const puts: string[] = [];

beforeAll(async () => {
  s3 = await startS3rver();
  const url = `s3://${s3.bucket}/${PREFIX}`;
  s3.client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'PutObjectCommand') puts.push((args.input as { Key: string }).Key);
      return next(args);
    },
    { step: 'initialize', name: 'recordPuts' },
  );
  a = await startTestServer({ store: new S3SegmentStore(s3.client, parseS3Url(url)) }, { realtime: true });
  b = await spawnServe(['--port', '0', '--stories', a.storiesDir, '--secret', SECRET, '--store', url], {
    ...process.env,
    ...s3.env,
  });
}, 60_000);
afterAll(async () => {
  b?.child.kill('SIGKILL');
  await a?.stop();
  await s3?.stop();
});

/** Every file a playlist names (URI="…" attributes and URI lines). */
function namesIn(playlist: string): string[] {
  const names = [...playlist.matchAll(/URI="([^"]+)"/g)].map((m) => m[1] as string);
  return [...names, ...playlist.split('\n').filter((l) => l && !l.startsWith('#'))];
}

describe('an S3 store shared by two API processes', () => {
  it('a reader on the other process sees a growing rendition whole, file by file, equal to the committed objects', async () => {
    const job = (
      await postJson(a.url, '/api/v1/generate', { storyId: 'cave', segmentId: 'intro', history: [] }, a.token('r'))
    ).json() as GenerationJob;
    key = job.key;
    const seen = new Map<string, Buffer[]>();
    const playlists: string[] = [];
    let growingReads = 0;
    for (;;) {
      const status = ((await httpRequest(a.url, `/api/v1/jobs/${key}`)).json() as GenerationJob).status;
      const playlist = await httpRequest(b.url, `/store/${key}/media.m3u8`);
      if (playlist.status === 200) {
        playlists.push(playlist.text);
        if (playlist.headers['cache-control'] === 'no-cache') growingReads++;
        for (const name of namesIn(playlist.text)) {
          const file = await httpRequest(b.url, `/store/${key}/${name}`);
          expect(file.status, `${name} listed but not served`).toBe(200);
          seen.set(name, [...(seen.get(name) ?? []), file.body]);
        }
      } else expect(playlist.status).toBe(404);
      if (status === 'done' || status === 'failed') break;
    }
    expect(((await httpRequest(a.url, `/api/v1/jobs/${key}`)).json() as GenerationJob).status).toBe('done');
    // The reader really watched it grow through the bucket, segments among what it read.
    expect(growingReads).toBeGreaterThan(2);
    expect(seen.size).toBeGreaterThan(2);
    for (const text of playlists) {
      expect(text.startsWith('#EXTM3U\n')).toBe(true);
      expect(text.endsWith('\n')).toBe(true);
    }
    for (const [name, reads] of seen) {
      const committed = await s3.read(`${PREFIX}/${key}/${name}`);
      expect(committed, `${name} is not in the committed rendition`).toBeDefined();
      for (const body of reads)
        expect(body.equals(committed!), `${name}: read ${body.length} bytes, committed ${committed!.length}`).toBe(
          true,
        );
    }
    // Upload order: under the partial prefix, init and first segment before any playlist;
    // under the final prefix, media files, then playlists, then the marker, last of all.
    const partial = puts.filter((k) => k.startsWith(`${PREFIX}/.partial/${key}/`)).map((k) => k.split('/').pop()!);
    const firstPlaylist = partial.findIndex((n) => n.endsWith('.m3u8'));
    expect(firstPlaylist).toBeGreaterThan(partial.indexOf('init.mp4'));
    expect(firstPlaylist).toBeGreaterThan(partial.indexOf('seg_00000.m4s'));
    expect(partial.indexOf('seg_00000.m4s')).toBeGreaterThanOrEqual(0);
    const final = puts.filter((k) => k.startsWith(`${PREFIX}/${key}/`)).map((k) => k.split('/').pop()!);
    const kinds = final.map((n) => (n === '.rendition.json' ? 2 : n.endsWith('.m3u8') ? 1 : 0));
    expect(kinds).toEqual([...kinds].sort());
    expect(final.at(-1)).toBe('.rendition.json');
    expect(final.filter((n) => n === '.rendition.json')).toHaveLength(1);
    // Committed: the marker was written, the partial prefix is gone, and B knows the job as done.
    expect(await s3.list(`${PREFIX}/.partial/`)).toEqual([]);
    expect(await s3.read(`${PREFIX}/${key}/.rendition.json`)).toBeDefined();
    const onB = (await httpRequest(b.url, `/api/v1/jobs/${key}`)).json() as GenerationJob;
    expect(onB.status).toBe('done');
    expect(onB.durationSeconds).toBe(2);
    const finished = await httpRequest(b.url, `/store/${key}/media.m3u8`);
    expect(finished.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(finished.text).toContain('#EXT-X-ENDLIST');
  }, 90_000);

  it('serves content types, byte ranges, ETag/304 and HEAD from the bucket', async () => {
    const segment = (await s3.read(`${PREFIX}/${key}/seg_00000.m4s`))!;
    const path = `/store/${key}/seg_00000.m4s`;
    for (const base of [a.url, b.url]) {
      const whole = await httpRequest(base, path);
      expect(whole.status).toBe(200);
      expect(whole.headers['content-type']).toBe('video/iso.segment');
      expect(whole.body.equals(segment)).toBe(true);
      const first = await httpRequest(base, path, { headers: { Range: 'bytes=0-99' } });
      expect(first.status).toBe(206);
      expect(first.headers['content-range']).toBe(`bytes 0-99/${segment.length}`);
      expect(first.body.equals(segment.subarray(0, 100))).toBe(true);
      const tail = await httpRequest(base, path, { headers: { Range: 'bytes=-10' } });
      expect(tail.body.equals(segment.subarray(segment.length - 10))).toBe(true);
      const past = await httpRequest(base, path, { headers: { Range: `bytes=${segment.length}-` } });
      expect(past.status).toBe(416);
      const etag = whole.headers.etag as string;
      expect(etag).toMatch(/^"[^"]+"$/);
      expect((await httpRequest(base, path, { headers: { 'If-None-Match': etag } })).status).toBe(304);
      const head = await httpRequest(base, path, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(Number(head.headers['content-length'])).toBe(segment.length);
      const init = await httpRequest(base, `/store/${key}/init.mp4`);
      expect(init.headers['content-type']).toBe('video/mp4');
      const playlist = await httpRequest(base, `/store/${key}/media.m3u8`);
      expect(playlist.headers['content-type']).toBe('application/vnd.apple.mpegurl');
      expect((await httpRequest(base, `/store/${key}/missing.m4s`)).status).toBe(404);
    }
  });

  it('refuses traversal keys and never serves the marker or a partial prefix', async () => {
    // Bait in the bucket, next to and above the store prefix.
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    for (const bait of ['team/outside.m3u8', `${PREFIX}/outside.m3u8`, 'outside.m3u8'])
      await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: bait, Body: 'SECRET-BAIT' }));
    const attempts = [
      `/store/${key}/../outside.m3u8`,
      `/store/${key}/%2e%2e/outside.m3u8`,
      `/store/${key}/..%2foutside.m3u8`,
      `/store/${key}/..%2F..%2F..%2Foutside.m3u8`,
      `/store/${key}/%2e%2e%2f%2e%2e%2foutside.m3u8`,
      `/store/${key}/..%5coutside.m3u8`,
      `/store/${key}/.rendition.json`,
      `/store/${key}/%2erendition.json`,
      `/store/.partial/${key}/media.m3u8`,
      `/store/..%2f${key}/media.m3u8`,
      `/store/${'a'.repeat(64)}/..%2f..%2foutside.m3u8`,
    ];
    for (const base of [a.url, b.url])
      for (const path of attempts) {
        const reply = await rawGet(base, path);
        expect([400, 404], path).toContain(reply.status);
        expect(reply.text, path).not.toContain('SECRET-BAIT');
      }
  });
});

describe('S3 store configuration errors say what is wrong', () => {
  it('refuses a bad URL, half a key pair, a missing bucket and a dead endpoint', async () => {
    await expect(openS3Store('s3://Bad_Bucket/x', s3.env)).rejects.toThrow(/Not an S3 bucket name: "Bad_Bucket"/);
    await expect(openS3Store('s3:/media', s3.env)).rejects.toThrow(/expected s3:\/\/bucket\/prefix/);
    await expect(openS3Store(`s3://${s3.bucket}/a/../b`, s3.env)).rejects.toThrow(/must not start with a dot: "\.\."/);
    await expect(openS3Store(`s3://${s3.bucket}`, { ...s3.env, AWS_SECRET_ACCESS_KEY: '' })).rejects.toThrow(
      /Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/,
    );
    await expect(openS3Store(`s3://${s3.bucket}`, { ...s3.env, OFFSHOOT_S3_ENDPOINT: 'minio:9000' })).rejects.toThrow(
      /S3 endpoint must be an http\(s\) URL, got "minio:9000"/,
    );
    await expect(
      openS3Store(`s3://${s3.bucket}`, { ...s3.env, OFFSHOOT_S3_ENDPOINT: 'http://127.0.0.1:1' }),
    ).rejects.toThrow(/endpoint http:\/\/127\.0\.0\.1:1\) is not usable/);
    await expect(openS3Store('s3://no-such-bucket/x', s3.env)).rejects.toThrow(
      /S3 store s3:\/\/no-such-bucket\/x .* is not usable: no such bucket/,
    );
  });

  it('`offshoot serve` stops at start, naming the bucket, when the bucket is missing', async () => {
    const serve = spawnServe(['--port', '0', '--secret', SECRET, '--store', 's3://missing-bucket/p'], {
      ...process.env,
      ...s3.env,
    });
    await expect(serve).rejects.toThrow(/serve exited 2: [^]*S3 store s3:\/\/missing-bucket\/p .*no such bucket/);
  }, 30_000);
});
