import { sleep } from '../sleep.js';
import { PlaybackError } from './PlaybackError.js';
import type { PlaybackErrorCode } from './PlaybackEngine.js';

export interface RetryPolicy {
  retries: number;
  /** First retry delay; doubled each time, up to `maxDelayMs`. */
  delayMs: number;
  /** Largest delay between two attempts. Default: no cap. */
  maxDelayMs?: number;
  /** One attempt's limit; a response that stops mid-body (a file rewritten while served) never ends otherwise. */
  timeoutMs: number;
}

/** One failed attempt about to be retried. */
export interface RetryNotice {
  url: string;
  /** The attempt that will be made next (1 = the first retry). */
  attempt: number;
  /** How long until it is made, ms. */
  delayMs: number;
  /** Why the last attempt failed (`HTTP 500`, `no complete answer in 2000 ms`, a network error...). */
  reason: string;
  /** The code reported if no retry succeeds (`fragment-corrupt` for bytes `verify` rejected). */
  code: PlaybackErrorCode;
}

/** Optional hooks: hear about retries and recoveries, and reject bytes that arrived but are not usable. */
export interface RetryHooks {
  onRetry?(notice: RetryNotice): void;
  /** A retried request succeeded after `attempts` attempts. */
  onRecovered?(url: string, attempts: number): void;
  /**
   * Check a body that arrived complete; throw a PlaybackError to count the attempt as failed
   * (retried like a network error, and its code is the one reported when retries run out).
   */
  verify?(body: ArrayBuffer | string): void;
}

/** The delay before retry `attempt` (1-based): `delayMs`·2^(attempt−1), capped by `maxDelayMs`. */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs ?? Infinity, policy.delayMs * 2 ** (attempt - 1));
}

/**
 * Fetch a URL, retrying network errors, timeouts, 5xx/404 answers (a segment being rendered
 * may appear a moment later) and bodies `verify` rejects, with exponential backoff; fail
 * with a PlaybackError naming the URL.
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
  hooks: RetryHooks = {},
): Promise<T extends 'text' ? string : ArrayBuffer> {
  let last = '';
  let lastCode = code;
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    if (attempt > 0) {
      const delayMs = retryDelay(policy, attempt);
      hooks.onRetry?.({ url, attempt, delayMs, reason: last, code: lastCode });
      await sleep(delayMs, signal);
    }
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(
      () => controller.abort(new Error(`no complete answer in ${policy.timeoutMs} ms`)),
      policy.timeoutMs,
    );
    try {
      // Playlists may grow between reads: never let an HTTP cache answer for them.
      const response = await fetch(url, { signal: controller.signal, cache: as === 'text' ? 'no-store' : 'default' });
      if (response.ok) {
        const body = (await response[as]()) as ArrayBuffer | string;
        hooks.verify?.(body);
        if (attempt > 0) hooks.onRecovered?.(url, attempt + 1);
        return body as T extends 'text' ? string : ArrayBuffer;
      }
      last = `HTTP ${response.status}`;
      lastCode = code;
      // Client errors other than 404/408/429 will not heal by retrying.
      if (response.status < 500 && ![404, 408, 429].includes(response.status)) break;
    } catch (error) {
      if (signal?.aborted) throw error;
      if (error instanceof PlaybackError) {
        last = error.message;
        lastCode = error.code;
      } else {
        const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
        last = reason instanceof Error ? reason.message : String(reason);
        lastCode = code;
      }
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
  throw new PlaybackError(lastCode, `${url}: ${last} after ${policy.retries + 1} attempt(s)`);
}
