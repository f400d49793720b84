import { Redis } from 'ioredis';

/**
 * An ioredis client for `url` (redis://host:port[/db]), set up the way BullMQ workers require
 * (`maxRetriesPerRequest: null`: blocking commands must not give up).
 *
 * @example
 * const redis = connectRedis('redis://127.0.0.1:6379');
 */
export function connectRedis(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: null });
  // ioredis reconnects by itself; without a listener every failed attempt is printed as
  // "Unhandled error event". Say it once per outage instead.
  let reported = false;
  client.on('error', (error: Error) => {
    if (!reported) console.error(`[offshoot] Redis ${url}: ${error.message} (retrying)`);
    reported = true;
  });
  client.on('ready', () => (reported = false));
  return client;
}
