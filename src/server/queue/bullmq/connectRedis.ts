import { Redis } from 'ioredis';

/**
 * An ioredis client for `url` (redis://host:port[/db]). By default set up the way BullMQ
 * workers and event streams require (`maxRetriesPerRequest: null`: blocking commands wait
 * through an outage and resume). `failFast` is for the API's own commands: while Redis is
 * unreachable they fail at once (no offline queue, one retry) so a request can be answered
 * 503 instead of hanging until Redis is back.
 *
 * @example
 * const redis = connectRedis('redis://127.0.0.1:6379');
 * const api = connectRedis('redis://127.0.0.1:6379', { failFast: true });
 */
export function connectRedis(url: string, options: { failFast?: boolean } = {}): Redis {
  const client = new Redis(
    url,
    options.failFast ? { maxRetriesPerRequest: 1, enableOfflineQueue: false } : { maxRetriesPerRequest: null },
  );
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

/**
 * Resolves once `client` is connected; rejects after `timeoutMs` naming `url`. A fail-fast client
 * (above) refuses commands while it connects, so its first command must wait for this.
 *
 * @example
 * const api = connectRedis(url, { failFast: true });
 * await redisReady(api, url);
 */
export async function redisReady(client: Redis, url = 'Redis', timeoutMs = 10_000): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      reject(new Error(`${url}: not connected after ${timeoutMs} ms (status ${client.status})`));
    }, timeoutMs);
    const onReady = (): void => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', onReady);
  });
}
