import { UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Generator } from '../../generate/Generator.js';
import type { RenditionStore } from '../../store/RenditionStore.js';
import type { RenderTask } from '../JobQueue.js';
import { RenderCancelled, renderIntoStore } from '../renderIntoStore.js';
import type { Logger, RenderUpdate } from '../renderIntoStore.js';
import { RenderScheduler } from '../schedule/RenderScheduler.js';
import type { RenderOrder } from '../schedule/renderRank.js';
import { connectRedis } from './connectRedis.js';
import { DEFAULT_QUEUE, redisNames } from './redisNames.js';
import type { RedisNames } from './redisNames.js';

export interface BullMqWorkersOptions {
  redisUrl: string;
  generator: Generator;
  store: RenditionStore;
  queueName?: string;
  /** Renders at once in this process. */
  concurrency?: number;
  /**
   * 'head-first' (default): this process takes up to `concurrency` more jobs than it renders
   * at once, so a new head (the queue hands out jobs nearest deadline first) can take a slot
   * from a running tail at its next fragment boundary; the tail resumes here afterwards.
   * 'deadline' and 'fifo': whole jobs, one per slot (the order is then the queue's; see
   * BullMqQueue's `order`).
   */
  order?: RenderOrder;
  /** Seconds that make a branch playable (the head). Default 2. */
  headSeconds?: number;
  /**
   * How long a job's lock lives without renewal. A worker renews it every half of this while
   * it renders; if the worker dies, the job counts as stalled once the lock has expired and
   * the next stalled check (every `stalledInterval`) moves it back to the queue for another
   * worker. Shorter = faster recovery, more Redis traffic.
   */
  lockDuration?: number;
  stalledInterval?: number;
  /** Stalls a job survives before it is failed (a job that kills every worker must stop somewhere). */
  maxStalledCount?: number;
  log?: Logger;
}

/**
 * Render workers on the Redis queue: any number of these, in any number of processes or
 * machines sharing the store folder. Each job runs the generator into the store; progress
 * goes out through `job.updateProgress` (the API hears it via QueueEvents). Cancellation: the
 * API sets a Redis key and publishes on a channel; a worker checks the key before it starts
 * and aborts a running render when the message arrives.
 *
 * @example
 * const workers = new BullMqWorkers({ redisUrl, generator, store, concurrency: 2 });
 * await workers.ready();
 */
export class BullMqWorkers {
  private readonly worker: Worker<RenderTask>;
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly workerRedis: Redis;
  private readonly names: RedisNames;
  private readonly running = new Map<string, AbortController>();
  private readonly log: Logger;
  private readonly scheduler: RenderScheduler;

  constructor(private readonly options: BullMqWorkersOptions) {
    const slots = options.concurrency ?? 1;
    const order = options.order ?? 'head-first';
    this.scheduler = new RenderScheduler({ slots, order, headSeconds: options.headSeconds, maxPaused: slots });
    this.names = redisNames(options.queueName ?? DEFAULT_QUEUE);
    this.log = options.log ?? (() => undefined);
    this.redis = connectRedis(options.redisUrl);
    this.subscriber = connectRedis(options.redisUrl);
    this.subscriber.on('message', (_channel: string, key: string) => void this.abortIfCancelled(key));
    this.workerRedis = connectRedis(options.redisUrl);
    this.worker = new Worker<RenderTask>(this.names.queue, (job) => this.process(job), {
      connection: this.workerRedis,
      // Head-first: room for one more job per slot, which waits here or preempts a tail.
      concurrency: order === 'head-first' ? 2 * slots : slots,
      lockDuration: options.lockDuration ?? 30_000,
      stalledInterval: options.stalledInterval ?? 15_000,
      maxStalledCount: options.maxStalledCount ?? 2,
    });
    this.worker.on('error', (error) => this.log(`worker error: ${error.message}`));
  }

  /** Resolves once the worker takes jobs and hears cancellations. */
  async ready(): Promise<void> {
    await this.subscriber.subscribe(this.names.cancelChannel);
    await this.worker.waitUntilReady();
  }

  /** Stops taking jobs and waits for running renders (at most `graceMs`, then they are left to stall over). */
  async close(graceMs = 10_000): Promise<void> {
    const graceful = this.worker.close();
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
    if ((await Promise.race([graceful, timer])) === 'timeout') await this.worker.close(true);
    this.subscriber.disconnect();
    this.redis.disconnect();
    this.workerRedis.disconnect();
  }

  /**
   * Aborts the render of `key` if it is still cancelled: a viewer who asked again since the
   * announcement cleared the mark, and the render then goes on. If Redis cannot say, it aborts
   * (a job aborted while wanted is put back in the queue by the API, see BullMqQueue).
   */
  private async abortIfCancelled(key: string): Promise<void> {
    const controller = this.running.get(key);
    if (!controller) return;
    const marked = await this.redis.exists(this.names.cancelled(key)).catch(() => 1);
    if (!marked) {
      this.log(`worker ${process.pid}: ${key.slice(0, 12)} asked for again before its abort: the render goes on`);
      return;
    }
    await this.beforeAbort(key);
    controller.abort();
  }

  /** Tests only: a pause point between the look at the cancel mark and the abort (to force a race). */
  protected async beforeAbort(_key: string): Promise<void> {}

  /** A lost progress update is not fatal (the next one or the completion follows); it is logged. */
  private async sendProgress(job: Job<RenderTask>, update: RenderUpdate): Promise<void> {
    await job
      .updateProgress(update)
      .catch((error: Error) =>
        this.log(`worker ${process.pid}: progress of ${String(job.id).slice(0, 12)} not sent: ${error.message}`),
      );
  }

  private async process(job: Job<RenderTask>): Promise<void> {
    const key = job.id as string;
    const controller = new AbortController();
    this.running.set(key, controller);
    let lease: Awaited<ReturnType<RenderScheduler['acquire']>> | undefined;
    try {
      // Checked after registering, so a cancel published in between is not missed.
      if (await this.redis.exists(this.names.cancelled(key))) throw new RenderCancelled();
      this.log(`worker ${process.pid} took ${key.slice(0, 12)} (attempt ${job.attemptsMade + 1})`);
      // The queue's priority is the deadline in 10 ms steps from when the job was added.
      const deadlineAt = job.timestamp + ((job.opts.priority ?? 1) - 1) * 10;
      // Until it has a slot here, the job is queued as far as anyone watching it is concerned.
      const started = this.scheduler.acquire(key, deadlineAt, job.data.durationSeconds, controller.signal);
      if (this.scheduler.counts().waiting > 0)
        await this.sendProgress(job, { progress: 0, readySeconds: 0, waiting: true });
      lease = await started;
      await this.sendProgress(job, { progress: 0, readySeconds: 0 });
      if (controller.signal.aborted) throw new RenderCancelled();
      await renderIntoStore(
        this.options.generator,
        this.options.store,
        job.data,
        controller.signal,
        (update) => {
          void this.sendProgress(job, update);
        },
        this.log,
        { yieldPoint: lease.yieldPoint },
      );
    } catch (error) {
      if (error instanceof RenderCancelled) throw new UnrecoverableError('cancelled');
      throw error;
    } finally {
      lease?.release();
      this.running.delete(key);
    }
  }
}
