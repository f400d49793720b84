import { HttpError } from '../http/HttpError.js';

/** Seconds a client is told to wait when the queue's store (Redis) is unreachable. */
export const QUEUE_RETRY_SECONDS = 2;

/**
 * The queue cannot be reached (Redis down or restarting). It already knows its HTTP reply,
 * 503 `queue-unavailable` with Retry-After, so every route that asks the queue answers at
 * once instead of hanging until Redis is back; nothing was queued or rendered.
 *
 * @example
 * if (redis.status !== 'ready') throw new QueueUnavailable('redis://127.0.0.1:6379', 'connection closed');
 */
export class QueueUnavailable extends HttpError {
  constructor(where: string, why: string) {
    super(
      503,
      'queue-unavailable',
      `The job queue is unreachable (${where}: ${why}); nothing was queued; retry in ${QUEUE_RETRY_SECONDS} s`,
      { 'Retry-After': String(QUEUE_RETRY_SECONDS) },
    );
  }
}
