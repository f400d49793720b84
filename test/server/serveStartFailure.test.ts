// `offshoot serve` that cannot start after it has connected to Redis (here: its port is taken)
// must exit with the reason, not stay alive on its open Redis connections, neither serving nor
// exiting (seen in the scale-out bench: a serve child that failed at start hung the run).
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStoriesDir, SECRET } from './support/caveStory.js';
import { spawnServe } from './support/spawnServe.js';
import { startRedis } from './support/startRedis.js';
import type { TestRedis } from './support/startRedis.js';

let redis: TestRedis;
let taken: Server;
let port: number;

beforeAll(async () => {
  redis = await startRedis();
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  port = (taken.address() as { port: number }).port;
}, 30_000);
afterAll(async () => {
  await new Promise((resolve) => taken?.close(resolve));
  await redis?.stop();
});

describe('offshoot serve --redis that fails at start', () => {
  it('exits naming the cause once it has closed its Redis connections', async () => {
    const stories = await makeStoriesDir();
    const started = spawnServe([
      ...['--port', String(port), '--stories', stories, '--secret', SECRET],
      ...['--redis', redis.url, '--workers', '1', '--renderer', 'cpu'],
    ]);
    await expect(started).rejects.toThrow(/serve exited 2: .*EADDRINUSE/s);
    await rm(stories, { recursive: true, force: true });
  });
});
