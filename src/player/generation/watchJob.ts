import { isFinal } from '../../core/index.js';
import type { GenerationJob } from '../../core/index.js';
import { sleep } from '../sleep.js';
import type { GenerationApi } from './GenerationApi.js';
import { GenerationError } from './GenerationError.js';
import { readEventStream } from './readEventStream.js';

// Re-exported for the generation client; the one definition lives in core/protocol.
export { isFinal };

export interface WatchOptions {
  /** Polling interval when the event stream is unavailable, ms. Default 500. */
  pollMs?: number;
  /** How long polls may keep failing with network or server errors (a backend restarting), ms. Default 30000. */
  reconnectMs?: number;
}

/**
 * Follows a job until it is final: its SSE stream first (one connection, pushed updates),
 * and GET polling when the stream cannot be opened or ends early (a proxy that buffers or
 * cuts long responses, a backend that went down). A poll that fails for the network or a
 * 5xx after its own retries is tried again until `reconnectMs` of failures in a row: a
 * backend that comes back within that is followed on. Calls `onJob` with every snapshot;
 * resolves with the final one.
 * Aborting `signal` closes the connection and rejects with code "aborted".
 *
 * @example
 * const final = await watchJob(api, job.jobId, (j) => console.log(j.readySeconds), signal);
 */
export async function watchJob(
  api: GenerationApi,
  jobId: string,
  onJob: (job: GenerationJob) => void,
  signal: AbortSignal,
  options: WatchOptions = {},
): Promise<GenerationJob> {
  const streamed = await followStream(api, jobId, onJob, signal);
  if (streamed) return streamed;
  let failingSince: number | undefined;
  for (;;) {
    try {
      await sleep(options.pollMs ?? 500, signal);
    } catch {
      throw new GenerationError('aborted', `job ${jobId}: aborted`);
    }
    let job: GenerationJob;
    try {
      job = await api.job(jobId, signal);
      failingSince = undefined;
    } catch (error) {
      if (signal.aborted || !isTransient(error)) throw error;
      failingSince ??= performance.now();
      if (performance.now() - failingSince > (options.reconnectMs ?? 30_000)) throw error;
      continue;
    }
    onJob(job);
    if (isFinal(job)) return job;
  }
}

/** A failure the backend coming back would heal (not a 404 or 403: those stay). */
function isTransient(error: unknown): boolean {
  return (
    error instanceof GenerationError &&
    (error.code === 'network' || (error.status !== undefined && error.status >= 500))
  );
}

/** The final job from the stream, or undefined when polling must take over. */
async function followStream(
  api: GenerationApi,
  jobId: string,
  onJob: (job: GenerationJob) => void,
  signal: AbortSignal,
): Promise<GenerationJob | undefined> {
  // Our own controller: we stop reading as soon as the job is final, without aborting the caller.
  const stop = new AbortController();
  const forward = (): void => stop.abort(signal.reason);
  signal.addEventListener('abort', forward, { once: true });
  let final: GenerationJob | undefined;
  try {
    const res = await api.events(jobId, stop.signal);
    await readEventStream(
      res.body as ReadableStream<Uint8Array>,
      (event) => {
        const job = parseJob(event.data);
        if (!job || final) return;
        onJob(job);
        if (isFinal(job)) {
          final = job;
          stop.abort();
        }
      },
      stop.signal,
    );
  } catch (error) {
    if (signal.aborted) throw new GenerationError('aborted', `job ${jobId}: aborted`);
    if (
      !final &&
      error instanceof GenerationError &&
      error.status !== undefined &&
      error.status >= 400 &&
      error.status < 500 &&
      error.status !== 429
    ) {
      throw error; // 404 / 403: polling would get the same answer
    }
  } finally {
    signal.removeEventListener('abort', forward);
  }
  return final;
}

function parseJob(data: string): GenerationJob | undefined {
  try {
    const value = JSON.parse(data) as Partial<GenerationJob>;
    return typeof value?.jobId === 'string' && typeof value.status === 'string' ? (value as GenerationJob) : undefined;
  } catch {
    return undefined;
  }
}
