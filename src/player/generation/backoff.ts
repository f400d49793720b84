/** How the client retries 5xx replies and network errors. */
export interface RetryOptions {
  /** Attempts after the first. Default 5. */
  retries?: number;
  /** First backoff ceiling, ms; doubles each retry. Default 250. */
  baseMs?: number;
  /** Largest backoff and largest Retry-After honoured, ms. Default 10000. */
  maxMs?: number;
}

/**
 * Exponential backoff with full jitter: a random wait in [0, min(max, base·2^attempt)].
 * Full jitter spreads a crowd of viewers that failed together (a backend restart) instead
 * of having them retry in lockstep.
 *
 * @example
 * backoffDelay(3, { baseMs: 250, maxMs: 10_000 }, Math.random); // somewhere in 0..2000 ms
 */
export function backoffDelay(attempt: number, options: RetryOptions, random: () => number): number {
  const base = options.baseMs ?? 250;
  const max = options.maxMs ?? 10_000;
  return Math.round(random() * Math.min(max, base * 2 ** attempt));
}

/**
 * A Retry-After header (delta seconds or an HTTP date) as ms from `nowMs`; undefined when
 * absent or unreadable.
 *
 * @example
 * parseRetryAfter('2', Date.now()); // 2000
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
