import { S3StoreTimeout } from './S3StoreTimeout.js';

/** Default bound on one S3 call, retries included (OFFSHOOT_S3_TIMEOUT_MS overrides it). */
export const DEFAULT_S3_TIMEOUT_MS = 15_000;

/**
 * Runs one S3 call with an abort signal that fires after `timeoutMs`, so a hung object store
 * cannot hang a render or a request: the call (all of the SDK's retries) settles within that
 * time or rejects with S3StoreTimeout naming `operation` and `target`. The timer stops when the
 * call resolves: a GET's body may then stream for longer (the client's socket timeout bounds a
 * body that stalls, see openS3Store).
 *
 * @example
 * const head = await callS3('HeadObject', 's3://media/a/.rendition.json', 15_000, (abortSignal) =>
 *   client.send(new HeadObjectCommand({ Bucket: 'media', Key: 'a/.rendition.json' }), { abortSignal }));
 */
export async function callS3<T>(
  operation: string,
  target: string,
  timeoutMs: number,
  run: (abortSignal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await run(controller.signal);
  } catch (error) {
    // The SDK's own timeouts (connection, socket) say TimeoutError; ours aborts the call.
    if (controller.signal.aborted || (error as Error).name === 'TimeoutError')
      throw new S3StoreTimeout(operation, target, timeoutMs);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
