import type { Redis } from 'ioredis';
import { QueueUnavailable } from '../queue/QueueUnavailable.js';
import type { RateLimit } from './TokenBucketLimiter.js';

/**
 * The token bucket refilled and spent in one step inside Redis (its own clock, so API
 * processes on machines with skewed clocks agree). KEYS[1]: the bucket; ARGV: burst, per
 * second. Returns 0 (allowed) or the milliseconds until a token is back.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2]) / 1000
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + (now - at) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
return wait
`;

/**
 * Per-viewer rate limit shared by every API process on one Redis (`offshoot serve --redis`):
 * the same token bucket as TokenBucketLimiter, kept in Redis, so a viewer spreading requests
 * over several API processes gets one allowance, not one per process. While Redis is down
 * `take` throws QueueUnavailable (503, like the job routes).
 *
 * @example
 * const limiter = new RedisRateLimiter(redis, 'offshoot:offshoot-render', { burst: 30, perSecond: 3 });
 * const wait = await limiter.take('viewer-42'); // 0 = allowed, else seconds to wait
 */
export class RedisRateLimiter {
  constructor(
    private readonly redis: Redis,
    /** Key prefix (the queue's Redis namespace). */
    private readonly prefix: string,
    private readonly limit: RateLimit,
  ) {}

  async take(key: string): Promise<number> {
    try {
      const waitMs = (await this.redis.eval(
        TAKE,
        1,
        `${this.prefix}:rate:${key}`,
        String(this.limit.burst),
        String(this.limit.perSecond),
      )) as number;
      return waitMs / 1000;
    } catch (error) {
      throw new QueueUnavailable('Redis (rate limit)', (error as Error).message);
    }
  }
}
