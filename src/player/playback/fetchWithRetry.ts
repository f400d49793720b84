import { PlaybackError } from './PlaybackError.js';
import type { PlaybackErrorCode } from './PlaybackEngine.js';

export interface RetryPolicy {
  retries: number;
  /** First retry delay; doubled each time. */
  delayMs: number;
  /** One attempt's limit; a response that stops mid-body (a file rewritten while served) never ends otherwise. */
  timeoutMs: number;
}

/**
 * Fetch a URL, retrying network errors and 5xx/404 answers (a segment being rendered
 * may appear a moment later), and fail with a PlaybackError naming the URL.
 *
 * @example
 * const bytes = await fetchWithRetry(url, 'arrayBuffer', 'fragment-load-failed', { retries: 2, delayMs: 200, timeoutMs: 10_000 }, signal);
 */
export async function fetchWithRetry<T extends 'text' | 'arrayBuffer'>(
  url: string,
  as: T,
  code: PlaybackErrorCode,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<T extends 'text' ? string : ArrayBuffer> {
  let last = '';
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    if (attempt > 0) await sleep(policy.delayMs * 2 ** (attempt - 1), signal);
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new Error(`no complete answer in ${policy.timeoutMs} ms`)), policy.timeoutMs);
    try {
      // Playlists may grow between reads: never let an HTTP cache answer for them.
      const response = await fetch(url, { signal: controller.signal, cache: as === 'text' ? 'no-store' : 'default' });
      if (response.ok) return (await response[as]()) as T extends 'text' ? string : ArrayBuffer;
      last = `HTTP ${response.status}`;
      // Client errors other than 404/408/429 will not heal by retrying.
      if (response.status < 500 && ![404, 408, 429].includes(response.status)) break;
    } catch (error) {
      if (signal?.aborted) throw error;
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
      last = reason instanceof Error ? reason.message : String(reason);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
  throw new PlaybackError(code, `${url}: ${last} after ${policy.retries + 1} attempt(s)`);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
  });
}
