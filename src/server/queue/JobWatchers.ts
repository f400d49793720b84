import type { GenerationJob } from '../../core/index.js';

type Listener = (job: GenerationJob) => void;

/**
 * Listeners per job id, shared by both queue implementations: the queue calls `notify` with
 * each snapshot and the API's SSE streams listen. A throwing listener never stops the others.
 *
 * @example
 * const watchers = new JobWatchers();
 * const off = watchers.add(key, (job) => send(job));
 * watchers.notify(job);
 */
export class JobWatchers {
  private readonly byJob = new Map<string, Set<Listener>>();

  add(jobId: string, listener: Listener): () => void {
    let set = this.byJob.get(jobId);
    if (!set) this.byJob.set(jobId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.byJob.get(jobId) === set) this.byJob.delete(jobId);
    };
  }

  notify(job: GenerationJob): void {
    for (const listener of [...(this.byJob.get(job.jobId) ?? [])]) {
      try {
        listener(job);
      } catch (error) {
        console.error('[offshoot server] job listener threw', error);
      }
    }
  }

  has(jobId: string): boolean {
    return this.byJob.has(jobId);
  }

  /** Number of listeners, for leak checks. */
  count(): number {
    let n = 0;
    for (const set of this.byJob.values()) n += set.size;
    return n;
  }
}
