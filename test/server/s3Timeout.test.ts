// A hung object store: S3 calls are bounded (OFFSHOOT_S3_TIMEOUT_MS) and fail with a coded
// error naming the operation and the object, instead of hanging a render or a request. The
// store on the other end accepts connections and never answers (a fault a real server cannot be
// made to show on demand, so it is the one fake here; test/server/support/unansweringS3.ts).
import { S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { openS3Store } from '../../src/server/store/s3/openS3Store.js';
import { S3SegmentStore } from '../../src/server/store/s3/S3SegmentStore.js';
import { S3StoreTimeout } from '../../src/server/store/s3/S3StoreTimeout.js';
import { httpRequest } from './support/httpRequest.js';
import { startTestServer } from './support/startTestServer.js';
import type { TestServer } from './support/startTestServer.js';
import { startUnansweringS3 } from './support/unansweringS3.js';
import type { UnansweringS3 } from './support/unansweringS3.js';

const KEY = 'c'.repeat(64);
const TIMEOUT_MS = 400;
const env = (endpoint: string) => ({
  OFFSHOOT_S3_ENDPOINT: endpoint,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-east-1',
  OFFSHOOT_S3_TIMEOUT_MS: String(TIMEOUT_MS),
});

let hung: UnansweringS3 | undefined;
let api: TestServer | undefined;
afterEach(async () => {
  await api?.stop();
  await hung?.stop();
  api = hung = undefined;
});

describe('S3 store against a store that never answers', () => {
  it('opening it fails with the bucket and the timeout, instead of hanging serve at start', async () => {
    hung = await startUnansweringS3();
    const opening = openS3Store('s3://media/offshoot', env(hung.endpoint));
    await expect(opening).rejects.toThrow(
      /S3 store s3:\/\/media\/offshoot .* is not usable: .*HeadBucket s3:\/\/media timed out after 400 ms/,
    );
    expect(hung.requests).toContain('HEAD /media/');
  });

  it('each store operation fails with S3StoreTimeout naming the operation and object', async () => {
    hung = await startUnansweringS3();
    const client = new S3Client({
      endpoint: hung.endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const store = new S3SegmentStore(client, { bucket: 'media', prefix: 'offshoot/' }, { timeoutMs: TIMEOUT_MS });
    const head = await store.isComplete(KEY).catch((error: unknown) => error);
    expect(head).toBeInstanceOf(S3StoreTimeout);
    expect(head).toMatchObject({
      code: 'store-unavailable',
      status: 503,
      operation: 'HeadObject',
      target: `s3://media/offshoot/${KEY}/.rendition.json`,
    });
    // A render's first call clears its partial prefix: a listing, named by that prefix.
    await expect(store.beginRender(KEY)).rejects.toThrow(
      `S3 ListObjectsV2 s3://media/offshoot/.partial/${KEY}/ timed out after ${TIMEOUT_MS} ms`,
    );
    client.destroy();
  });

  it('a /store request answers 503 store-unavailable with Retry-After when the bucket hangs', async () => {
    // The bucket answers the check at start, then nothing more.
    hung = await startUnansweringS3({ bucket: 'media' });
    const store = await openS3Store('s3://media/offshoot', env(hung.endpoint));
    api = await startTestServer({ store });
    const reply = await httpRequest(api.url, `/store/${KEY}/index.m3u8`);
    expect(reply.status).toBe(503);
    expect(reply.headers['retry-after']).toBe('2');
    const error = (reply.json() as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('store-unavailable');
    expect(error.message).toContain(`HeadObject s3://media/offshoot/${KEY}/.rendition.json timed out`);
  });

  it('a response body that stops mid-way fails the read instead of hanging it', async () => {
    hung = await startUnansweringS3({ stallBody: true });
    // As `serve` opens it: the socket timeout comes from OFFSHOOT_S3_TIMEOUT_MS.
    const store = await openS3Store('s3://media/offshoot', env(hung.endpoint));
    const object = await store.open(KEY, ['media.m3u8']);
    expect(object?.size).toBe(100);
    const body = await object!.read(0, 99);
    const read = (async () => {
      let bytes = 0;
      for await (const chunk of body) bytes += (chunk as Buffer).length;
      return bytes;
    })();
    await expect(read).rejects.toThrow();
  });
});
