import type { BackendErrorCode } from '../../core/protocol/BackendErrorCode.js';

/**
 * An error that already knows its HTTP reply: status, a stable machine code and a message
 * a person can act on. Route handlers throw it; the router turns it into JSON.
 *
 * @example
 * throw new HttpError(403, 'unreachable', 'Segment "cave" is not reachable from "intro"');
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    readonly code: BackendErrorCode,
    message: string,
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
