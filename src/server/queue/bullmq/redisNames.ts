/** Names this backend uses in Redis next to BullMQ's own keys, all under one queue name. */
export interface RedisNames {
  queue: string;
  /** Set of viewer ids that still want a rendition. */
  wanted(key: string): string;
  /** Present while a rendition's job is cancelled (checked by a worker before it starts). */
  cancelled(key: string): string;
  /** Pub/sub channel on which cancelled keys are announced to running workers. */
  cancelChannel: string;
}

/**
 * The Redis names for queue `queue`.
 *
 * @example
 * redisNames('offshoot-render').wanted(key); // 'offshoot:offshoot-render:wanted:<key>'
 */
export function redisNames(queue: string): RedisNames {
  const base = `offshoot:${queue}`;
  return {
    queue,
    wanted: (key) => `${base}:wanted:${key}`,
    cancelled: (key) => `${base}:cancelled:${key}`,
    cancelChannel: `${base}:cancel`,
  };
}

/** Default queue name. */
export const DEFAULT_QUEUE = 'offshoot-render';

/** BullMQ priority for a deadline in seconds: 1 is served first; 10 ms steps, capped to BullMQ's range. */
export function priorityOf(deadlineSeconds: number): number {
  const seconds = Number.isFinite(deadlineSeconds) ? Math.max(0, deadlineSeconds) : 3600;
  return 1 + Math.min(2_000_000, Math.round(seconds * 100));
}
