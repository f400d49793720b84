import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { parseS3Url } from './s3Location.js';
import { callS3, DEFAULT_S3_TIMEOUT_MS } from './callS3.js';
import { S3SegmentStore } from './S3SegmentStore.js';
import { S3StoreTimeout } from './S3StoreTimeout.js';

/**
 * The S3 store for `--store s3://bucket/prefix`, configured from the environment:
 * OFFSHOOT_S3_ENDPOINT or AWS_ENDPOINT_URL (an S3-compatible server such as MinIO; addressed
 * path-style, http://host/bucket/key, which such servers expect), AWS_REGION (default
 * us-east-1), AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (otherwise the SDK's usual chain:
 * profile, instance role…). Checksums are sent only where S3 requires them, which
 * S3-compatible servers accept. The bucket is checked at once (HEAD), so a wrong endpoint,
 * key or bucket name stops `serve` at start with the bucket's answer, not at the first render.
 * OFFSHOOT_S3_TIMEOUT_MS (default 15 000) bounds every S3 call, retries included, and a
 * response body that stalls that long: a hung store fails calls instead of hanging renders
 * and requests (S3StoreTimeout, 503 `store-unavailable`).
 *
 * @example
 * const store = await openS3Store('s3://media/offshoot', process.env);
 */
export async function openS3Store(url: string, env: NodeJS.ProcessEnv = process.env): Promise<S3SegmentStore> {
  const where = parseS3Url(url);
  const endpoint = env.OFFSHOOT_S3_ENDPOINT || env.AWS_ENDPOINT_URL || undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint))
    throw new Error(
      `S3 endpoint must be an http(s) URL, got ${JSON.stringify(endpoint)} (OFFSHOOT_S3_ENDPOINT / AWS_ENDPOINT_URL)`,
    );
  const keyId = env.AWS_ACCESS_KEY_ID;
  const secret = env.AWS_SECRET_ACCESS_KEY;
  if (Boolean(keyId) !== Boolean(secret))
    throw new Error('Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither (for the S3 store)');
  const timeoutMs = env.OFFSHOOT_S3_TIMEOUT_MS ? Number(env.OFFSHOOT_S3_TIMEOUT_MS) : DEFAULT_S3_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1)
    throw new Error(
      `OFFSHOOT_S3_TIMEOUT_MS must be a whole number of milliseconds, got ${JSON.stringify(env.OFFSHOOT_S3_TIMEOUT_MS)}`,
    );
  const client = new S3Client({
    region: env.AWS_REGION || 'us-east-1',
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    ...(keyId && secret ? { credentials: { accessKeyId: keyId, secretAccessKey: secret } } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // Fail a connection that does not open, and a socket (a response body too) silent for the
    // whole bound; callS3 bounds each call as a whole.
    requestHandler: { connectionTimeout: Math.min(3000, timeoutMs), socketTimeout: timeoutMs },
  });
  await callS3('HeadBucket', `s3://${where.bucket}`, timeoutMs, (abortSignal) =>
    client.send(new HeadBucketCommand({ Bucket: where.bucket }), { abortSignal }),
  ).catch((error: unknown) => {
    client.destroy();
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode;
    if (error instanceof S3StoreTimeout)
      throw new Error(`S3 store ${url} (endpoint ${endpoint ?? 'AWS'}) is not usable: ${error.detail}`);
    const says = status === 404 ? 'no such bucket' : status === 403 ? 'access denied' : `${e.name}: ${e.message}`;
    throw new Error(`S3 store ${url} (endpoint ${endpoint ?? 'AWS'}) is not usable: ${says}`);
  });
  return new S3SegmentStore(client, where, { timeoutMs });
}
