import { HttpError } from '../../http/HttpError.js';

/** Seconds a client is told to wait after the object store did not answer in time. */
export const STORE_RETRY_SECONDS = 2;

/**
 * An S3 call did not settle within the store's timeout (a hung or unreachable object store).
 * Names the operation and the object, so the log says which call hung; as an HTTP reply it is
 * 503 `store-unavailable` with Retry-After, so a request fails instead of hanging with the store.
 *
 * @example
 * throw new S3StoreTimeout('GetObject', 's3://media/offshoot/3f1c…/index.m3u8', 10_000);
 */
export class S3StoreTimeout extends HttpError {
  /** "S3 <operation> <target> timed out after <n> ms". */
  readonly detail: string;

  constructor(
    readonly operation: string,
    readonly target: string,
    readonly timeoutMs: number,
  ) {
    super(
      503,
      'store-unavailable',
      `The segment store did not answer: S3 ${operation} ${target} timed out after ${timeoutMs} ms; retry in ${STORE_RETRY_SECONDS} s`,
      { 'Retry-After': String(STORE_RETRY_SECONDS) },
    );
    this.detail = `S3 ${operation} ${target} timed out after ${timeoutMs} ms`;
  }
}
