import { Redis } from 'ioredis';

/**
 * An ioredis client for `url` (redis://host:port[/db]), set up the way BullMQ workers require
 * (`maxRetriesPerRequest: null`: blocking commands must not give up).
 *
 * @example
 * const redis = connectRedis('redis://127.0.0.1:6379');
 */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}
