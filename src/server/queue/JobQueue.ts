import type { GenerationJob } from '../../core/index.js';
import type { RenderJob } from '../generate/Generator.js';

/** A render as queued: everything the generator gets except where to write (the worker's store decides). */
export type RenderTask = Omit<RenderJob, 'outDir'>;

/** Who wants a rendition, and by when (seconds from now; nearer renders first). */
export interface Want {
  viewerId: string;
  deadline: number;
}

/**
 * The render queue as the API sees it. One job per rendition key (job id = key): a second
 * `submit` of the same key adds a waiter instead of a render. While the queue cannot be reached,
 * `submit`, `get` and `release` throw QueueUnavailable (a 503) at once. Two implementations:
 * InProcessQueue (default, renders in this process) and BullMqQueue (Redis; workers anywhere).
 *
 * @example
 * const job = await queue.submit(task, { viewerId: 'v1', deadline: 6 });
 * const stop = queue.watch(job.jobId, (j) => console.log(j.status, j.readySeconds));
 * await queue.release(job.jobId, 'v1'); // cancels: nobody else wants it
 */
export interface JobQueue {
  /** Queues `task` (or joins the job already rendering it); done at once when the store has it. */
  submit(task: RenderTask, want: Want): Promise<GenerationJob>;
  get(jobId: string): Promise<GenerationJob | undefined>;
  /** `viewerId` no longer wants the job; it is cancelled when no one else does. */
  release(jobId: string, viewerId: string): Promise<GenerationJob | undefined>;
  /** Calls `listener` with each new snapshot of the job; returns the unsubscribe function. */
  watch(jobId: string, listener: (job: GenerationJob) => void): () => void;
  /** False while the queue cannot be reached (Redis down); absent = always available. */
  available?(): boolean;
  close(): Promise<void>;
}

/** Where the store serves a rendition's master playlist. */
export function playlistUrlOf(key: string): string {
  return `/store/${key}/index.m3u8`;
}

/** The snapshot of a rendition the store already holds. */
export function doneJob(task: Pick<RenderTask, 'key' | 'durationSeconds'>): GenerationJob {
  return {
    jobId: task.key,
    key: task.key,
    status: 'done',
    progress: 1,
    readySeconds: task.durationSeconds,
    durationSeconds: task.durationSeconds,
    playlistUrl: playlistUrlOf(task.key),
  };
}

/** Re-exported so server code keeps one import site; the definition lives in the protocol. */
export { isFinal } from '../../core/protocol/isFinal.js';
