import type { BackendErrorCode } from '../../core/protocol/BackendErrorCode.js';

/**
 * Codes the client gives itself, when there is no reply or the reply names no code of its own.
 */
export type GenerationClientErrorCode =
  /** The backend could not be reached (or a reply broke off); retried with backoff first. */
  | 'network'
  /** HTTP 401 without a code, or `getToken()` failed. */
  | 'unauthorized'
  /** HTTP 5xx without a code; retried with backoff first. */
  | 'server-error'
  /** The request or the wait was aborted (the player was destroyed, the branch dropped). */
  | 'aborted'
  /** The client cancelled the job: the segment is no longer reachable. */
  | 'cancelled'
  /** The job ended `failed` / `cancelled` with no error code. */
  | 'job-failed'
  | 'job-cancelled'
  /** A job's event route answered with something other than `text/event-stream`. */
  | 'sse-unsupported';

/**
 * Every `GenerationError.code`: the client's own codes, the backend's (core/protocol), and
 * `http-<status>` for an error reply with no code. A backend newer than this client may send
 * a code outside the union; treat an unknown code like `server-error`.
 */
export type GenerationErrorCode = GenerationClientErrorCode | BackendErrorCode | `http-${number}`;

/**
 * Why a generation request or job failed, with a stable `code` the player can branch on.
 * Backend replies carry their own codes (`{ error: { code, message } }`, e.g. "unreachable",
 * "rate-limited"); transport failures use the codes below.
 *
 * @example
 * try { await api.generate(request); } catch (e) { if (e instanceof GenerationError && e.code === 'unauthorized') relogin(); }
 */
export class GenerationError extends Error {
  override readonly name = 'GenerationError';

  constructor(
    readonly code: GenerationErrorCode,
    message: string,
    /** HTTP status, when there was a reply. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Reads a backend error body (`{ error: { code, message } }`) into a GenerationError; never throws. */
export async function errorFromResponse(res: Response, what: string): Promise<GenerationError> {
  let code: GenerationErrorCode =
    res.status === 401
      ? 'unauthorized'
      : res.status === 429
        ? 'rate-limited'
        : res.status >= 500
          ? 'server-error'
          : (`http-${res.status}` as const);
  let message = `${what}: HTTP ${res.status}`;
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    // The backend's code, as the wire says it (see GenerationErrorCode on unknown ones).
    if (typeof body.error?.code === 'string') code = body.error.code as BackendErrorCode;
    if (typeof body.error?.message === 'string') message = `${what}: ${body.error.message} (HTTP ${res.status})`;
  } catch {
    // Not JSON (a proxy's HTML page): the status says enough.
  }
  return new GenerationError(code, message, res.status);
}
