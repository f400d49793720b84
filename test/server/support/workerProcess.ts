// A worker-only backend process for the BullMQ tests and the benches (GENERATOR=procedural for
// the real one, at WIDTH×HEIGHT when given; ORDER=fifo|deadline|head-first): `node --import tsx
// workerProcess.ts`, configured by environment. Prints its log lines on stdout, "ready"
// once it takes jobs.
import { createProceduralGenerator } from '../../../src/server/generate/procedural/createProceduralGenerator.js';
import type { RenderOrder } from '../../../src/server/queue/schedule/renderRank.js';
import { startServer } from '../../../src/server/index.js';
import { createFfmpegTestGenerator } from './ffmpegTestGenerator.js';

const env = process.env;
const testGenerator = () =>
  createFfmpegTestGenerator({
    realtimeFrom: Number(env.REALTIME_FROM ?? 10),
    width: Number(env.WIDTH ?? 160),
    height: Number(env.HEIGHT ?? 90),
  });
const procedural = () =>
  createProceduralGenerator({
    renderer: 'cpu',
    ...(env.WIDTH && env.HEIGHT
      ? {
          renditions: [
            {
              name: `${env.HEIGHT}p`,
              width: Number(env.WIDTH),
              height: Number(env.HEIGHT),
              maxrateKbps: 800,
              level: '3.0',
            },
          ],
        }
      : {}),
  });
const server = await startServer({
  api: false,
  redisUrl: env.REDIS_URL,
  store: env.STORE_DIR,
  queueName: env.QUEUE_NAME,
  workers: Number(env.WORKERS ?? 1),
  lockDuration: Number(env.LOCK_MS ?? 2000),
  stalledInterval: Number(env.STALLED_MS ?? 1000),
  order: env.ORDER as RenderOrder | undefined,
  generator: env.GENERATOR === 'procedural' ? procedural() : testGenerator(),
  log: (message) => console.log(message),
});
console.log('ready');
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
