import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiRouter } from './api/createApiRouter.js';
import { TokenBucketLimiter } from './api/TokenBucketLimiter.js';
import type { RateLimit } from './api/TokenBucketLimiter.js';
import { DEFAULT_MAX_WANTS_PER_VIEWER, ViewerWants } from './api/ViewerWants.js';
import type { Generator } from './generate/Generator.js';
import { SharedRevocations } from './auth/SharedRevocations.js';
import { TokenRevocations } from './auth/TokenRevocations.js';
import { RedisRateLimiter } from './api/RedisRateLimiter.js';
import { SharedViewerWants } from './api/SharedViewerWants.js';
import { connectRedis, redisReady } from './queue/bullmq/connectRedis.js';
import { DEFAULT_QUEUE } from './queue/bullmq/redisNames.js';
import { DEFAULT_MAX_TOKEN_LIFETIME } from './auth/ViewerToken.js';
import { applyCors } from './http/applyCors.js';
import { BullMqQueue } from './queue/bullmq/BullMqQueue.js';
import { BullMqWorkers } from './queue/bullmq/BullMqWorkers.js';
import { InProcessQueue } from './queue/InProcessQueue.js';
import type { JobQueue } from './queue/JobQueue.js';
import type { Logger } from './queue/renderIntoStore.js';
import type { RenderOrder } from './queue/schedule/renderRank.js';
import type { RenditionStore } from './store/RenditionStore.js';
import { SegmentStore } from './store/SegmentStore.js';
import { StoryLibrary } from './stories/StoryLibrary.js';
import type { LoadedStory } from './stories/StoryLibrary.js';

export interface ServerOptions {
  /** Renders segments. */
  generator: Generator;
  /** 0 picks a free port. Default 8787. */
  port?: number;
  /** Default 127.0.0.1; "0.0.0.0" to listen on every interface. */
  host?: string;
  /** A folder of story files, or stories already loaded. */
  stories?: string | LoadedStory[];
  /**
   * Store folder (default ./.cache/offshoot-store); `s3://bucket/prefix` for a bucket shared
   * by several machines, configured from the environment (see openS3Store); or a store built
   * by the caller.
   */
  store?: string | RenditionStore;
  /** redis://host:port: use the BullMQ queue instead of the in-process one. */
  redisUrl?: string;
  /** Render workers in this process (in-process: concurrency; Redis: 0 = API only). Default 1. */
  workers?: number;
  /** false: no HTTP API (a worker-only process; needs redisUrl). Default true. */
  api?: boolean;
  /** Shared with the embedder, to verify viewer tokens. Required with the API. */
  secret?: string;
  /** Tokens that live longer than this (exp − iat, or what is left of them) are refused. Default 1 day. */
  maxTokenLifetimeSeconds?: number;
  /** Default 1 second. */
  segmentSeconds?: number;
  /** Per viewer. Default burst 30, 3 per second. */
  rateLimit?: RateLimit;
  /**
   * Most unfinished jobs (queued or rendering) one viewer may have asked for; past it a
   * request is a 429 `too-many-wants` and starts nothing. Default 6 (see ViewerWants).
   */
  maxWantsPerViewer?: number;
  /** Bytes. Default 16 KiB. */
  bodyLimit?: number;
  corsOrigin?: string;
  heartbeatMs?: number;
  /** A client must send its request headers within this (default 10 s)… */
  headersTimeoutMs?: number;
  /** …and its whole request within this (default 30 s). */
  requestTimeoutMs?: number;
  /**
   * Which render goes first: 'head-first' (default: every wanted branch's head before any
   * tail, by deadline, preempting at fragment boundaries), 'deadline' or 'fifo' (whole jobs).
   * The lookahead bench compares them.
   */
  order?: RenderOrder;
  /** BullMQ worker lock; see BullMqWorkers. */
  lockDuration?: number;
  stalledInterval?: number;
  queueName?: string;
  log?: Logger;
}

export interface RunningServer {
  /** Base URL of the API ('' for a worker-only process). */
  url: string;
  queue?: JobQueue;
  store: RenditionStore;
  stories: StoryLibrary;
  /**
   * Revoke a captured token (by jti) or all of a viewer's tokens (undefined without the API):
   * in this process, or with `redisUrl` in every API process on that Redis (SharedRevocations;
   * its revoke methods then resolve once Redis has it).
   */
  revocations?: TokenRevocations;
  close(): Promise<void>;
}

/**
 * Starts the backend: HTTP API + queue + render workers in one process by default; with
 * `redisUrl`, the BullMQ queue, so other processes (`api: false`) can add workers.
 *
 * @example
 * const server = await startServer({ generator, port: 0, stories: './examples', secret });
 * console.log(server.url); // http://127.0.0.1:54321
 * await server.close();
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const closers: Array<() => Promise<void>> = [];
  try {
    return await startParts(options, closers);
  } catch (error) {
    // What was opened before the failure (Redis connections, workers) would keep the process
    // alive: `offshoot serve` would neither serve nor exit.
    await closeAll(closers);
    throw error;
  }
}

async function startParts(options: ServerOptions, closers: Array<() => Promise<void>>): Promise<RunningServer> {
  const log = options.log ?? ((message: string) => console.log(`[offshoot] ${message}`));
  const maxWants = options.maxWantsPerViewer ?? DEFAULT_MAX_WANTS_PER_VIEWER;
  if (!(Number.isInteger(maxWants) && maxWants >= 1))
    throw new Error(`maxWantsPerViewer must be a whole number of at least 1, got ${maxWants}`);
  const store = await openStore(options.store ?? './.cache/offshoot-store');
  const api = options.api ?? true;
  const workerCount = options.workers ?? 1;
  let workers: BullMqWorkers | undefined;
  if (options.redisUrl && workerCount > 0) {
    workers = new BullMqWorkers({
      redisUrl: options.redisUrl,
      generator: options.generator,
      store,
      concurrency: workerCount,
      queueName: options.queueName,
      lockDuration: options.lockDuration,
      stalledInterval: options.stalledInterval,
      order: options.order,
      log,
    });
    closers.push(() => (workers as BullMqWorkers).close());
    await workers.ready();
    log(`workers: ${workerCount} on ${options.redisUrl}`);
  }
  const stories = Array.isArray(options.stories)
    ? StoryLibrary.of(options.stories)
    : await StoryLibrary.load(options.stories, log);
  if (!api) {
    if (!options.redisUrl) throw new Error('A worker-only process (no API) needs a Redis URL to take jobs from');
    return { url: '', store, stories, close: () => closeAll(closers) };
  }
  if (!options.secret) throw new Error('The API needs a token secret (--secret or OFFSHOOT_SECRET)');
  let queue: JobQueue;
  if (options.redisUrl) {
    const bull = new BullMqQueue({
      redisUrl: options.redisUrl,
      store,
      queueName: options.queueName,
      order: options.order,
      log,
    });
    closers.unshift(() => bull.close());
    await bull.ready();
    queue = bull;
  } else {
    queue = new InProcessQueue({
      generator: options.generator,
      store,
      concurrency: workerCount,
      order: options.order,
      log,
    });
    closers.unshift(() => queue.close());
  }
  const maxLifetimeSeconds = options.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME;
  if (!(maxLifetimeSeconds > 0)) throw new Error(`maxTokenLifetimeSeconds must be positive, got ${maxLifetimeSeconds}`);
  const rateLimit = options.rateLimit ?? { burst: 30, perSecond: 3 };
  let revocations: TokenRevocations;
  let limiter: ApiContextLimiter;
  let wants: ViewerWants | SharedViewerWants;
  if (options.redisUrl) {
    // Limits hold for the fleet: every API process on this Redis shares them.
    const prefix = `offshoot:${options.queueName ?? DEFAULT_QUEUE}`;
    const redis = connectRedis(options.redisUrl, { failFast: true });
    const subscriber = connectRedis(options.redisUrl);
    closers.push(async () => {
      redis.disconnect();
      subscriber.disconnect();
    });
    // A fail-fast client refuses commands until connected: wait, or a loaded machine can lose the race.
    await redisReady(redis, options.redisUrl);
    const shared = new SharedRevocations(maxLifetimeSeconds, redis, subscriber, prefix);
    await shared.ready();
    revocations = shared;
    limiter = new RedisRateLimiter(redis, prefix, rateLimit);
    wants = new SharedViewerWants(queue, maxWants, redis, prefix);
  } else {
    revocations = new TokenRevocations(maxLifetimeSeconds);
    limiter = new TokenBucketLimiter(rateLimit);
    wants = new ViewerWants(queue, maxWants);
  }
  const router = createApiRouter({
    stories,
    queue,
    store,
    secret: options.secret,
    tokenPolicy: { maxLifetimeSeconds, revoked: (claims) => revocations.reason(claims) },
    limiter,
    wants,
    bodyLimit: options.bodyLimit ?? 16 * 1024,
    generator: options.generator,
    segmentSeconds: options.segmentSeconds ?? 1,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    log,
  });
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  // Node enforces these timeouts on a periodic sweep: sweep often enough that they hold.
  const server = createServer({ connectionsCheckingInterval: Math.min(1_000, headersTimeout / 2) }, (req, res) => {
    if (applyCors(req, res, options.corsOrigin ?? '*')) return;
    void router.handle(req, res);
  });
  // A slow or silent client cannot hold a connection: headers within 10 s, the whole request
  // within 30 s (SSE responses are not limited: these bound receiving the request only).
  server.headersTimeout = headersTimeout;
  server.requestTimeout = Math.max(headersTimeout, options.requestTimeoutMs ?? 30_000);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log(
    `API on ${url} (${options.redisUrl ? 'BullMQ queue' : `in-process queue, ${workerCount} worker(s)`}, store ${store.location})`,
  );
  closers.unshift(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { url, queue, store, stories, revocations, close: () => closeAll(closers) };
}

async function openStore(store: string | RenditionStore): Promise<RenditionStore> {
  if (typeof store !== 'string') return store;
  if (!store.startsWith('s3://')) return new SegmentStore(store);
  // Loaded only when asked for: the AWS SDK is large, and a local store never needs it.
  const { openS3Store } = await import('./store/s3/openS3Store.js');
  return openS3Store(store);
}

async function closeAll(closers: Array<() => Promise<void>>): Promise<void> {
  for (const close of closers) await close().catch(() => undefined);
}

type ApiContextLimiter = { take(viewer: string): number | Promise<number> };
