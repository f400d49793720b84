// A real S3-protocol server for the tests: s3rver (an S3 emulator on npm, files on disk) on a
// free loopback port with a fresh temp folder and one bucket. Its limits, which the tests do
// not rely on: no If-Match on GET, one process, no multipart or versioning semantics of note.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

export interface TestS3 {
  /** The environment `offshoot serve --store s3://…` reads. */
  env: Record<string, string>;
  bucket: string;
  client: S3Client;
  /** An object's bytes, or undefined when there is none. */
  read(key: string): Promise<Buffer | undefined>;
  /** Every key under `prefix`. */
  list(prefix: string): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startS3rver(bucket = 'offshoot-test'): Promise<TestS3> {
  const dir = await mkdtemp(join(tmpdir(), 'offshoot-s3rver-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    directory: dir,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = (await server.run()) as { port: number };
  // s3rver's fixed test credentials.
  const env = {
    OFFSHOOT_S3_ENDPOINT: `http://127.0.0.1:${port}`,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
  };
  const client = new S3Client({
    endpoint: env.OFFSHOOT_S3_ENDPOINT,
    region: env.AWS_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    env,
    bucket,
    client,
    async read(key) {
      try {
        const reply = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return Buffer.from(await reply.Body!.transformToByteArray());
      } catch {
        return undefined;
      }
    },
    async list(prefix) {
      const reply = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
      return (reply.Contents ?? []).map((o) => o.Key as string);
    },
    async stop() {
      client.destroy();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
