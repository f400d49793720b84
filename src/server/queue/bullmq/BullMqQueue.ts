import { Queue, QueueEvents } from 'bullmq';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { GenerationJob } from '../../../core/index.js';
import { renderFailure } from '../../store/renderFailure.js';
import type { RenditionStore } from '../../store/RenditionStore.js';
import { doneJob, playlistUrlOf } from '../JobQueue.js';
import type { JobQueue, RenderTask, Want } from '../JobQueue.js';
import { JobWatchers } from '../JobWatchers.js';
import { RecentMap } from '../RecentMap.js';
import type { RenderOrder } from '../schedule/renderRank.js';
import type { Logger, RenderUpdate } from '../renderIntoStore.js';
import { QueueUnavailable } from '../QueueUnavailable.js';
import { connectRedis } from './connectRedis.js';
import { DEFAULT_QUEUE, priorityOf, redisNames } from './redisNames.js';
import { releaseWant } from './releaseWant.js';
import type { RedisNames } from './redisNames.js';

export interface BullMqQueueOptions {
  redisUrl: string;
  store: RenditionStore;
  queueName?: string;
  /** Render attempts for a job that throws (a cancelled job is never retried). */
  attempts?: number;
  /** Where failed BullMQ calls are reported, with the job and what was being done. Default: stderr. */
  log?: Logger;
  /**
   * 'fifo': jobs go to workers in the order they were asked for; otherwise (default) nearest
   * deadline first (BullMQ priority). Head-first within a worker is the workers' option.
   */
  order?: RenderOrder;
  /** How many jobs' durations are remembered to describe jobs BullMQ already removed. Default 10 000. */
  rememberJobs?: number;
}

/** Connection errors: connectRedis reports them once per outage, so they are not repeated per call. */
const CONNECTION_ERROR = /Connection is closed|enableOfflineQueue|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT/;

const QUEUED_STATES = new Set(['waiting', 'prioritized', 'delayed', 'waiting-children']);

/**
 * The API side of the Redis queue: adds jobs (job id = rendition key, so BullMQ itself
 * coalesces duplicates across API processes), keeps who wants each rendition in a Redis set,
 * and turns QueueEvents into job snapshots for SSE. Workers run elsewhere (BullMqWorkers).
 *
 * @example
 * const queue = new BullMqQueue({ redisUrl: 'redis://127.0.0.1:6379', store });
 */
export class BullMqQueue implements JobQueue {
  private readonly redis: Redis;
  private readonly eventsRedis: Redis;
  private readonly queue: Queue<RenderTask>;
  private readonly events: QueueEvents;
  private readonly names: RedisNames;
  private readonly watchers = new JobWatchers();
  /** Durations of recent jobs seen here, to describe a job BullMQ has already removed (bounded). */
  private readonly durations: RecentMap<string, number>;
  private readonly log: Logger;
  /** Per-job chain so snapshots are delivered in event order. */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly options: BullMqQueueOptions) {
    this.names = redisNames(options.queueName ?? DEFAULT_QUEUE);
    this.durations = new RecentMap(options.rememberJobs ?? 10_000);
    this.log = options.log ?? ((message) => console.error(`[offshoot] ${message}`));
    // Fail fast: while Redis is down the API answers 503 at once (see QueueUnavailable).
    this.redis = connectRedis(options.redisUrl, { failFast: true });
    this.queue = new Queue<RenderTask>(this.names.queue, { connection: this.redis });
    // BullMQ leaves connections it was given open: this class owns and closes them.
    this.eventsRedis = connectRedis(options.redisUrl);
    this.events = new QueueEvents(this.names.queue, { connection: this.eventsRedis });
    // Connection errors are already reported once per outage by connectRedis; without a
    // listener BullMQ prints every reconnect attempt. Anything else is logged.
    this.queue.on('error', (error) => this.logError('queue', error));
    this.events.on('error', (error) => this.logError('queue events', error));
    for (const type of ['active', 'progress', 'completed', 'failed', 'removed'] as const) {
      this.events.on(type, (args: { jobId: string; failedReason?: string }) =>
        this.onEvent(type, args.jobId, args.failedReason),
      );
    }
  }

  /** Resolves once the event stream is connected (so no event after this is missed). */
  async ready(): Promise<void> {
    await Promise.all([this.queue.waitUntilReady(), this.events.waitUntilReady()]);
  }

  /** False while Redis is unreachable (the API then answers 503 `queue-unavailable`). */
  available(): boolean {
    return this.redis.status === 'ready';
  }

  submit(task: RenderTask, want: Want): Promise<GenerationJob> {
    return this.guard(() => this.submitNow(task, want));
  }

  get(jobId: string): Promise<GenerationJob | undefined> {
    return this.guard(() => this.getNow(jobId));
  }

  release(jobId: string, viewerId: string): Promise<GenerationJob | undefined> {
    return this.guard(() => this.releaseNow(jobId, viewerId));
  }

  /** Runs a queue operation; with Redis unreachable (before or during it), a QueueUnavailable instead. */
  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    if (!this.available()) throw new QueueUnavailable(this.options.redisUrl, `connection ${this.redis.status}`);
    try {
      return await operation();
    } catch (error) {
      if (!this.available() || CONNECTION_ERROR.test((error as Error).message)) {
        throw new QueueUnavailable(this.options.redisUrl, (error as Error).message);
      }
      throw error;
    }
  }

  private async submitNow(task: RenderTask, want: Want): Promise<GenerationJob> {
    this.durations.set(task.key, task.durationSeconds);
    if (await this.options.store.isComplete(task.key)) return doneJob(task);
    const wanted = this.names.wanted(task.key);
    await this.redis
      .multi()
      .sadd(wanted, want.viewerId)
      .expire(wanted, 86_400)
      .del(this.names.cancelled(task.key))
      .exec();
    const fifo = this.options.order === 'fifo';
    const priority = fifo ? undefined : priorityOf(want.deadline);
    const existing = await this.queue.getJob(task.key);
    if (existing) {
      const state = await existing.getState();
      if (state === 'failed' || state === 'completed') {
        // It may be locked by a worker finishing it; the add below then fails with BullMQ's own error.
        await existing.remove().catch((error: Error) => this.logError(`remove finished job ${short(task.key)}`, error));
      } else {
        if (priority !== undefined && QUEUED_STATES.has(state) && priority < (existing.opts.priority ?? Infinity)) {
          // It may have been taken by a worker meanwhile: then the priority no longer matters.
          await existing
            .changePriority({ priority })
            .catch((error: Error) => this.logError(`raise priority of ${short(task.key)}`, error));
        }
        return this.snapshot(existing, state);
      }
    }
    const job = await this.addJob(task, priority);
    return this.snapshot(job, await job.getState());
  }

  /** Adds the render job (job id = rendition key: BullMQ ignores a second add of a job that exists). */
  private addJob(task: RenderTask, priority: number | undefined): Promise<Job<RenderTask>> {
    return this.queue.add('render', task, {
      jobId: task.key,
      ...(priority === undefined ? {} : { priority }),
      attempts: this.options.attempts ?? 2,
      backoff: { type: 'fixed', delay: 500 },
      removeOnComplete: { age: 600 },
      removeOnFail: { age: 600 },
    });
  }

  private async getNow(jobId: string): Promise<GenerationJob | undefined> {
    const job = await this.queue.getJob(jobId).catch((error: Error) => {
      if (!this.available()) throw error;
      return undefined;
    });
    if (job) return this.snapshot(job, await job.getState());
    const info = await this.options.store.describe(jobId);
    if (info) return doneJob({ key: jobId, durationSeconds: info.durationSeconds });
    const durationSeconds = this.durations.get(jobId);
    if (durationSeconds === undefined) return undefined;
    if (await this.redis.exists(this.names.cancelled(jobId))) return this.bare(jobId, durationSeconds, 'cancelled');
    return undefined;
  }

  /**
   * The decision to cancel is one Redis script (releaseWant.ts): remove the viewer, and only if
   * nobody else wants the key, mark it cancelled and tell the workers. `submitNow` adds its
   * viewer and clears the mark in one MULTI, so the two cannot interleave: a viewer who asks
   * after the decision finds the mark gone again. The job itself is removed after the decision,
   * so such a viewer may have joined a job that is then removed or aborted: the wanted set is
   * looked at again afterwards, and a job still wanted is added again (a queued one here, an
   * aborted one when its `failed` event arrives, see `resubmitIfWanted`).
   */
  private async releaseNow(jobId: string, viewerId: string): Promise<GenerationJob | undefined> {
    if (!(await releaseWant(this.redis, this.names, jobId, viewerId))) return this.getNow(jobId);
    await this.afterCancelDecided(jobId);
    const job = await this.queue.getJob(jobId);
    if (!job) return this.getNow(jobId);
    this.durations.set(jobId, job.data.durationSeconds);
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') return this.snapshot(job, state);
    // A queued job is simply removed; a running one is aborted by its worker (see BullMqWorkers).
    if (QUEUED_STATES.has(state))
      await job.remove().catch((error: Error) => this.logError(`remove cancelled job ${short(jobId)}`, error));
    if (await this.isWanted(jobId)) {
      // Asked for again since the decision: the job goes on (or comes back).
      if (QUEUED_STATES.has(state)) {
        await this.addJob(job.data, job.opts.priority);
        this.log(`job ${short(jobId)} asked for again while it was cancelled: queued again`);
      }
      return this.getNow(jobId);
    }
    const cancelled = this.bare(jobId, job.data.durationSeconds, 'cancelled');
    this.watchers.notify(cancelled);
    return cancelled;
  }

  /** Tests only: a pause point between the decision to cancel and its effects (to force a race). */
  protected async afterCancelDecided(_jobId: string): Promise<void> {}

  private async isWanted(jobId: string): Promise<boolean> {
    return (await this.redis.scard(this.names.wanted(jobId))) > 0;
  }

  /**
   * A job that ended cancelled while a viewer wants it (the viewer asked between the decision
   * to cancel and the abort) is put back in the queue. Every API process hears the event; BullMQ's
   * retry moves a job out of the failed set atomically, so only one of them succeeds.
   */
  private async resubmitIfWanted(jobId: string): Promise<boolean> {
    if (!(await this.isWanted(jobId))) return false;
    const job = await this.queue.getJob(jobId);
    if (job && (await job.getState()) === 'failed' && job.failedReason === 'cancelled') {
      const retried = await job.retry('failed', { resetAttemptsMade: true }).then(
        () => true,
        () => false, // another API process was first
      );
      if (retried) this.log(`job ${short(jobId)} asked for again while it was cancelled: queued again`);
    }
    return true;
  }

  watch(jobId: string, listener: (job: GenerationJob) => void): () => void {
    return this.watchers.add(jobId, listener);
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.queue.close();
    this.redis.disconnect();
    this.eventsRedis.disconnect();
  }

  private onEvent(type: string, jobId: string, failedReason?: string): void {
    const cancelled = type === 'removed' || (type === 'failed' && failedReason === 'cancelled');
    if (!cancelled && !this.watchers.has(jobId)) return;
    const previous = this.chains.get(jobId) ?? Promise.resolve();
    const next = previous.then(async () => {
      // Checked in every API process, watched here or not: someone may want it elsewhere.
      const wanted =
        cancelled &&
        (await this.resubmitIfWanted(jobId).catch((error: Error) => {
          this.logError(`re-submit ${short(jobId)} after its ${type} event`, error);
          return false;
        }));
      if (!this.watchers.has(jobId)) return;
      let job = await this.get(jobId).catch((error: Error) => {
        this.logError(`read job ${short(jobId)} after its ${type} event`, error);
        return undefined;
      });
      const durationSeconds = this.durations.get(jobId);
      // Still wanted: it is being added again (by the releasing process), not cancelled.
      if (!job && durationSeconds !== undefined && !wanted) {
        if (type === 'removed') job = this.bare(jobId, durationSeconds, 'cancelled');
        if (type === 'failed')
          job =
            failedReason === 'cancelled'
              ? this.bare(jobId, durationSeconds, 'cancelled')
              : {
                  ...this.bare(jobId, durationSeconds, 'failed'),
                  error: renderFailure(failedReason ?? 'render failed'),
                };
      }
      if (job) this.watchers.notify(job);
    });
    this.chains.set(jobId, next);
    void next.finally(() => {
      if (this.chains.get(jobId) === next) this.chains.delete(jobId);
    });
  }

  private snapshot(job: Job<RenderTask>, state: string): GenerationJob {
    const key = job.id as string;
    this.durations.set(key, job.data.durationSeconds);
    const base = this.bare(key, job.data.durationSeconds, 'queued');
    const update = (typeof job.progress === 'object' ? job.progress : {}) as Partial<RenderUpdate>;
    const progress = { progress: update.progress ?? 0, readySeconds: update.readySeconds ?? 0 };
    if (state === 'completed') return doneJob({ key, durationSeconds: job.data.durationSeconds });
    // A head-first worker may hold a job it has not started (waiting for one of its slots).
    if (state === 'active') return { ...base, ...progress, status: update.waiting ? 'queued' : 'running' };
    if (state === 'failed') {
      if (job.failedReason === 'cancelled') return { ...base, ...progress, status: 'cancelled' };
      return { ...base, ...progress, status: 'failed', error: renderFailure(job.failedReason) };
    }
    return base;
  }

  /** Logs a failed BullMQ or Redis call with what it was for; connection errors are already reported. */
  private logError(what: string, error: Error): void {
    if (CONNECTION_ERROR.test(error.message)) return;
    this.log(`BullMQ queue ${this.names.queue}: ${what} failed: ${error.message}`);
  }

  private bare(key: string, durationSeconds: number, status: GenerationJob['status']): GenerationJob {
    return { jobId: key, key, status, progress: 0, readySeconds: 0, durationSeconds, playlistUrl: playlistUrlOf(key) };
  }
}

function short(key: string): string {
  return key.slice(0, 12);
}
