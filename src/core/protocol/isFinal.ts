import type { GenerationJob, JobStatus } from './GenerationRequest.js';

/** The statuses after which a job never changes again. */
export const FINAL_JOB_STATUSES: readonly JobStatus[] = ['done', 'failed', 'cancelled'];

/**
 * True when the job will not change any more (done, failed or cancelled). The backend stops
 * streaming a job's events and the player stops watching it at the same point, so both use
 * this one definition.
 *
 * @example
 * if (isFinal(job)) stopWatching(job.jobId);
 */
export function isFinal(job: Pick<GenerationJob, 'status'>): boolean {
  return FINAL_JOB_STATUSES.includes(job.status);
}
