import type { GenerationJob, GenerationRequest } from '../../core/index.js';
import type { RetryOptions } from './backoff.js';
import { sleep } from '../sleep.js';
import { backoffDelay, parseRetryAfter } from './backoff.js';
import { GenerationError, errorFromResponse } from './GenerationError.js';
import type { GenerationErrorCode } from './GenerationError.js';

export interface GenerationApiOptions {
  /** Root the API paths (`/api/v1/...`) and playlist URLs hang off, e.g. "https://gen.example.com". */
  baseUrl: string;
  /** A fixed bearer token. */
  token?: string;
  /** Called for the first request and once more after a 401 (expired token). */
  getToken?: () => string | Promise<string>;
  fetch?: typeof fetch;
  retry?: RetryOptions;
  /** For jitter; tests pass a seeded one. */
  random?: () => number;
  /** A request failed (network error, 5xx, 429) and is retried after `delayMs`. */
  onRetry?: (notice: ApiRetryNotice) => void;
  /** A request succeeded after requests had failed (`attempts`: this request's attempts). */
  onRecovered?: (what: string, attempts: number) => void;
}

/** One failed request about to be retried. */
export interface ApiRetryNotice {
  /** `METHOD /path`. */
  what: string;
  /** The attempt to be made next (1 = the first retry). */
  attempt: number;
  delayMs: number;
  /** Why it failed: no answer, a 5xx, or a 429 (the backend pacing this viewer). */
  code: Extract<GenerationErrorCode, 'network' | 'server-error' | 'rate-limited'>;
  message: string;
}

interface SendOptions {
  body?: unknown;
  signal?: AbortSignal;
  accept?: string;
  /** Override `retry.retries` (the SSE open retries less: polling is its fallback). */
  retries?: number;
  keepalive?: boolean;
}

/**
 * The generation backend's HTTP API (docs/generation-api.md), with the client's transport
 * policy: 5xx and network errors retry with exponential backoff and full jitter, a 429 waits
 * for its Retry-After, a 401 asks `getToken()` again once. Other 4xx fail at once.
 *
 * @example
 * const api = new GenerationApi({ baseUrl: 'https://gen.example.com', getToken });
 * const job = await api.generate({ storyId: 'night-walk', segmentId: 'forest', history: [], deadline: 6 });
 */
export class GenerationApi {
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly random: () => number;
  private token: Promise<string> | undefined;
  /** Requests have been failing and none succeeded since. */
  private failing = false;

  constructor(private readonly options: GenerationApiOptions) {
    if (typeof options.baseUrl !== 'string' || options.baseUrl === '') {
      throw new TypeError('createGenerationClient: baseUrl must be a non-empty URL string');
    }
    if (options.token === undefined && options.getToken === undefined) {
      throw new TypeError('createGenerationClient: pass `token` or `getToken`');
    }
    this.base = options.baseUrl.replace(/\/+$/, '');
    const f = options.fetch ?? globalThis.fetch;
    if (typeof f !== 'function')
      throw new TypeError('createGenerationClient: no fetch in this environment; pass `fetch`');
    this.fetch = f.bind(globalThis);
    this.random = options.random ?? Math.random;
  }

  /** POST /api/v1/generate → the job (202, or 200 when the store already has it). */
  async generate(request: GenerationRequest, signal?: AbortSignal): Promise<GenerationJob> {
    const res = await this.send('POST', '/api/v1/generate', { body: request, signal });
    return (await res.json()) as GenerationJob;
  }

  /** GET /api/v1/jobs/:id: the polling fallback. */
  async job(jobId: string, signal?: AbortSignal): Promise<GenerationJob> {
    const res = await this.send('GET', `/api/v1/jobs/${encodeURIComponent(jobId)}`, { signal });
    return (await res.json()) as GenerationJob;
  }

  /**
   * DELETE /api/v1/jobs/:id. A 404 counts as done: the job is gone either way. `keepalive`
   * (for destroy / page unload) sends it once, without retries, surviving the page.
   */
  async cancel(jobId: string, signal?: AbortSignal, keepalive = false): Promise<void> {
    try {
      const res = await this.send('DELETE', `/api/v1/jobs/${encodeURIComponent(jobId)}`, {
        signal,
        keepalive,
        ...(keepalive ? { retries: 0 } : {}),
      });
      await res.body?.cancel();
    } catch (error) {
      if (!(error instanceof GenerationError && error.status === 404)) throw error;
    }
  }

  /** GET /api/v1/jobs/:id/events: an open `text/event-stream` response. */
  async events(jobId: string, signal?: AbortSignal): Promise<Response> {
    const res = await this.send('GET', `/api/v1/jobs/${encodeURIComponent(jobId)}/events`, {
      signal,
      accept: 'text/event-stream',
      retries: 1,
    });
    if (!res.body || !(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
      await res.body?.cancel();
      throw new GenerationError(
        'sse-unsupported',
        `job ${jobId} events: the reply is not text/event-stream`,
        res.status,
      );
    }
    return res;
  }

  /** A job's playlist URL made absolute against `baseUrl`. */
  resolve(url: string): string {
    if (/^[a-z][a-z\d+.-]*:/i.test(url)) return url;
    return url.startsWith('/') ? `${this.base}${url}` : `${this.base}/${url}`;
  }

  private async send(method: string, path: string, opts: SendOptions): Promise<Response> {
    const retries = opts.retries ?? this.options.retry?.retries ?? 5;
    const what = `${method} ${path}`;
    let attempt = 0;
    let refreshed = false;
    for (;;) {
      const token = this.currentToken();
      let res: Response;
      try {
        res = await this.fetch(`${this.base}${path}`, {
          method,
          signal: opts.signal,
          ...(opts.keepalive ? { keepalive: true } : {}),
          headers: {
            authorization: `Bearer ${await token}`,
            accept: opts.accept ?? 'application/json',
            ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
        });
      } catch (error) {
        if (opts.signal?.aborted) throw new GenerationError('aborted', `${what}: aborted`);
        if (error instanceof GenerationError) throw error;
        const message = `${what}: ${(error as Error).message ?? error}`;
        if (attempt >= retries) throw new GenerationError('network', message);
        const delay = backoffDelay(attempt++, this.options.retry ?? {}, this.random);
        this.failing = true;
        this.options.onRetry?.({ what, attempt, delayMs: delay, code: 'network', message });
        await this.wait(delay, opts.signal);
        continue;
      }
      if (res.ok) {
        // The first answer after failures (of this request or an earlier one that gave up).
        if (this.failing) this.options.onRecovered?.(what, attempt + 1);
        this.failing = false;
        return res;
      }
      if (res.status === 401 && !refreshed && this.options.getToken) {
        refreshed = true;
        await res.body?.cancel();
        if (this.token === token) this.token = undefined; // others may have refreshed already
        continue;
      }
      const retryable = res.status === 429 || res.status >= 500;
      if (!retryable || attempt >= retries) throw await errorFromResponse(res, what);
      const after = res.status === 429 ? parseRetryAfter(res.headers.get('retry-after'), Date.now()) : undefined;
      await res.body?.cancel();
      const ceiling = this.options.retry?.maxMs ?? 10_000;
      const delay =
        after !== undefined ? Math.min(after, ceiling) : backoffDelay(attempt, this.options.retry ?? {}, this.random);
      attempt++;
      this.failing = true;
      this.options.onRetry?.({
        what,
        attempt,
        delayMs: delay,
        code: res.status === 429 ? 'rate-limited' : 'server-error',
        message: `${what}: HTTP ${res.status}`,
      });
      await this.wait(delay, opts.signal);
    }
  }

  private currentToken(): Promise<string> {
    if (this.token) return this.token;
    const { token, getToken } = this.options;
    const next = getToken
      ? Promise.resolve()
          .then(getToken)
          .catch((error: unknown) => {
            this.token = undefined;
            throw new GenerationError('unauthorized', `getToken() failed: ${(error as Error)?.message ?? error}`);
          })
      : Promise.resolve(token as string);
    this.token = next;
    return next;
  }

  private async wait(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch {
      throw new GenerationError('aborted', 'aborted while waiting to retry');
    }
  }
}
