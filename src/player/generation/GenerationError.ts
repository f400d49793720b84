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
    /** "network", "unauthorized", "rate-limited", "server-error", "aborted", "job-failed", "job-cancelled", or the backend's code. */
    readonly code: string,
    message: string,
    /** HTTP status, when there was a reply. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Reads a backend error body (`{ error: { code, message } }`) into a GenerationError; never throws. */
export async function errorFromResponse(res: Response, what: string): Promise<GenerationError> {
  let code =
    res.status === 401
      ? 'unauthorized'
      : res.status === 429
        ? 'rate-limited'
        : res.status >= 500
          ? 'server-error'
          : `http-${res.status}`;
  let message = `${what}: HTTP ${res.status}`;
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = `${what}: ${body.error.message} (HTTP ${res.status})`;
  } catch {
    // Not JSON (a proxy's HTML page): the status says enough.
  }
  return new GenerationError(code, message, res.status);
}
