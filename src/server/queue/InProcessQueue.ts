import type { GenerationJob } from '../../core/index.js';
import type { Generator } from '../generate/Generator.js';
import { renderFailure } from '../store/renderFailure.js';
import type { RenditionStore } from '../store/RenditionStore.js';
import { doneJob, isFinal, playlistUrlOf } from './JobQueue.js';
import type { JobQueue, RenderTask, Want } from './JobQueue.js';
import { JobWatchers } from './JobWatchers.js';
import { RenderCancelled, renderIntoStore } from './renderIntoStore.js';
import type { Logger } from './renderIntoStore.js';
import { RenderScheduler } from './schedule/RenderScheduler.js';
import type { RenderOrder } from './schedule/renderRank.js';

interface Entry {
  job: GenerationJob;
  task: RenderTask;
  wanters: Set<string>;
  /** Absolute deadline (ms since epoch): the queue's sort key. */
  deadlineAt: number;
  /** Aborts the render, waiting or running, when nobody wants it any more. */
  controller: AbortController;
  /** Settles when this entry's render (if any) has stopped and cleaned up. */
  settled: Promise<void>;
  /** The previous job for the same key, still cleaning up after a cancel: it must settle first. */
  previous?: Promise<void>;
}

export interface InProcessQueueOptions {
  generator: Generator;
  store: RenditionStore;
  /** Renders at once. */
  concurrency?: number;
  /** Which render goes first (see RenderOrder). Default 'head-first'. */
  order?: RenderOrder;
  /** Seconds that make a branch playable, rendered before any tail in head-first order. Default 2. */
  headSeconds?: number;
  log?: Logger;
  /** How long finished jobs stay queryable. */
  keepFinishedMs?: number;
}

/**
 * The default queue: renders in this process, `concurrency` at a time, head-first by default
 * (every wanted branch's head before any tail, by deadline; a render yields at a fragment
 * boundary to a more urgent one: see RenderScheduler). Same key = same job (waiters are
 * counted per viewer); a job nobody wants any more is dropped from the queue or, when
 * running or paused, aborted through the generator's signal at once.
 *
 * @example
 * const queue = new InProcessQueue({ generator, store, concurrency: 2 });
 */
export class InProcessQueue implements JobQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly watchers = new JobWatchers();
  private closed = false;
  private readonly scheduler: RenderScheduler;
  private readonly log: Logger;

  constructor(private readonly options: InProcessQueueOptions) {
    this.scheduler = new RenderScheduler({
      slots: Math.max(1, options.concurrency ?? 1),
      order: options.order,
      headSeconds: options.headSeconds,
    });
    this.log = options.log ?? (() => undefined);
  }

  /** Renders computing, waiting to start, and paused at a fragment boundary (tests, benches). */
  counts(): { running: number; waiting: number; paused: number } {
    return this.scheduler.counts();
  }

  async submit(task: RenderTask, want: Want): Promise<GenerationJob> {
    const existing = this.entries.get(task.key);
    if (existing && !isFinal(existing.job)) {
      existing.wanters.add(want.viewerId);
      this.moveUp(existing, deadlineAt(want));
      return { ...existing.job };
    }
    if (await this.options.store.isComplete(task.key)) return doneJob(task);
    const again = this.entries.get(task.key);
    if (again && !isFinal(again.job)) return this.submit(task, want);
    const entry: Entry = {
      task,
      wanters: new Set([want.viewerId]),
      deadlineAt: deadlineAt(want),
      controller: new AbortController(),
      settled: Promise.resolve(),
      previous: again?.settled,
      job: {
        jobId: task.key,
        key: task.key,
        status: 'queued',
        progress: 0,
        readySeconds: 0,
        durationSeconds: task.durationSeconds,
        playlistUrl: playlistUrlOf(task.key),
      },
    };
    this.entries.set(task.key, entry);
    if (this.closed) entry.controller.abort();
    entry.settled = this.run(entry);
    return { ...entry.job };
  }

  async get(jobId: string): Promise<GenerationJob | undefined> {
    const entry = this.entries.get(jobId);
    if (entry) return { ...entry.job };
    const info = await this.options.store.describe(jobId);
    return info ? doneJob({ key: jobId, durationSeconds: info.durationSeconds }) : undefined;
  }

  async release(jobId: string, viewerId: string): Promise<GenerationJob | undefined> {
    const entry = this.entries.get(jobId);
    if (!entry) return undefined;
    entry.wanters.delete(viewerId);
    if (entry.wanters.size === 0 && !isFinal(entry.job)) {
      entry.controller.abort();
      this.finish(entry, { status: 'cancelled' });
    }
    return { ...entry.job };
  }

  watch(jobId: string, listener: (job: GenerationJob) => void): () => void {
    return this.watchers.add(jobId, listener);
  }

  /** Live watchers (SSE streams) across all jobs: for leak checks. */
  watcherCount(): number {
    return this.watchers.count();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.entries.values()) entry.controller.abort();
  }

  private moveUp(entry: Entry, at: number): void {
    if (at >= entry.deadlineAt) return;
    entry.deadlineAt = at;
    this.scheduler.moveUp(entry.task.key, at);
  }

  private async run(entry: Entry): Promise<void> {
    const { signal } = entry.controller;
    await entry.previous;
    if (isFinal(entry.job) || signal.aborted) return;
    const lease = await this.scheduler.acquire(entry.task.key, entry.deadlineAt, entry.task.durationSeconds, signal);
    if (isFinal(entry.job) || signal.aborted) return lease.release();
    this.update(entry, { status: 'running' });
    try {
      await renderIntoStore(
        this.options.generator,
        this.options.store,
        entry.task,
        signal,
        (u) => this.update(entry, u),
        this.log,
        { yieldPoint: lease.yieldPoint },
      );
      this.finish(entry, { status: 'done', progress: 1, readySeconds: entry.task.durationSeconds });
    } catch (error) {
      if (error instanceof RenderCancelled) this.finish(entry, { status: 'cancelled' });
      else this.finish(entry, { status: 'failed', error: renderFailure(error) });
    } finally {
      lease.release();
    }
  }

  private update(entry: Entry, patch: Partial<GenerationJob>): void {
    if (isFinal(entry.job)) return;
    entry.job = { ...entry.job, ...patch };
    this.watchers.notify({ ...entry.job });
  }

  private finish(entry: Entry, patch: Partial<GenerationJob>): void {
    if (isFinal(entry.job)) return;
    entry.job = { ...entry.job, ...patch };
    this.watchers.notify({ ...entry.job });
    const timer = setTimeout(
      () => {
        if (this.entries.get(entry.task.key) === entry) this.entries.delete(entry.task.key);
      },
      this.options.keepFinishedMs ?? 10 * 60_000,
    );
    timer.unref();
  }
}

function deadlineAt(want: Want): number {
  const seconds = Number.isFinite(want.deadline) ? Math.max(0, want.deadline) : 3600;
  return Date.now() + seconds * 1000;
}
