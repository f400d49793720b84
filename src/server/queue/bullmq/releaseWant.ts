import type { Redis } from 'ioredis';
import type { RedisNames } from './redisNames.js';

/**
 * KEYS: wanted set, cancelled marker. ARGV: viewer id, cancel channel, rendition key, marker TTL.
 * Runs atomically in Redis: no SADD of another API process can land between the SCARD that
 * finds the set empty and the marker that says the job is cancelled.
 */
const SCRIPT = `
redis.call('SREM', KEYS[1], ARGV[1])
if redis.call('SCARD', KEYS[1]) > 0 then return 0 end
redis.call('SET', KEYS[2], '1', 'EX', tonumber(ARGV[4]))
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1
`;

interface WithReleaseWant {
  offshootReleaseWant(
    wanted: string,
    cancelled: string,
    viewerId: string,
    channel: string,
    key: string,
    ttl: number,
  ): Promise<number>;
}

const defined = new WeakSet<Redis>();

/**
 * `viewerId` no longer wants rendition `key`. If nobody else does, marks the key cancelled and
 * announces it to the workers, in one atomic step; returns whether it did. A viewer who asks
 * again afterwards clears the mark (BullMqQueue.submit adds to the set and deletes the mark in
 * one MULTI), so "cancelled" and "wanted" are never true at once.
 *
 * @example
 * if (await releaseWant(redis, redisNames('offshoot-render'), key, 'viewer-1')) removeOrAbort(key);
 */
export async function releaseWant(redis: Redis, names: RedisNames, key: string, viewerId: string): Promise<boolean> {
  if (!defined.has(redis)) {
    redis.defineCommand('offshootReleaseWant', { numberOfKeys: 2, lua: SCRIPT });
    defined.add(redis);
  }
  const client = redis as unknown as WithReleaseWant;
  const result = await client.offshootReleaseWant(
    names.wanted(key),
    names.cancelled(key),
    viewerId,
    names.cancelChannel,
    key,
    3600,
  );
  return result === 1;
}
