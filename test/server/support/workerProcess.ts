// A worker-only backend process for the BullMQ tests and the bench (GENERATOR=procedural for the real one): `node --import tsx
// workerProcess.ts`, configured by environment. Prints its log lines on stdout, "ready"
// once it takes jobs.
import { createProceduralGenerator } from '../../../src/server/generate/procedural/createProceduralGenerator.js';
import { startServer } from '../../../src/server/index.js';
import { createFfmpegTestGenerator } from './ffmpegTestGenerator.js';

const env = process.env;
const testGenerator = () =>
  createFfmpegTestGenerator({
    realtimeFrom: Number(env.REALTIME_FROM ?? 10),
    width: Number(env.WIDTH ?? 160),
    height: Number(env.HEIGHT ?? 90),
  });
const server = await startServer({
  api: false,
  redisUrl: env.REDIS_URL,
  store: env.STORE_DIR,
  queueName: env.QUEUE_NAME,
  workers: Number(env.WORKERS ?? 1),
  lockDuration: Number(env.LOCK_MS ?? 2000),
  stalledInterval: Number(env.STALLED_MS ?? 1000),
  generator: env.GENERATOR === 'procedural' ? createProceduralGenerator({ renderer: 'cpu' }) : testGenerator(),
  log: (message) => console.log(message),
});
console.log('ready');
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
