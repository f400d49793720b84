import type { GenerationJob } from '../../core/index.js';
import { isFinal } from '../queue/JobQueue.js';
import type { JobQueue } from '../queue/JobQueue.js';

/**
 * Default cap on a viewer's unfinished wants. The player's lookahead keeps at most
 * `maxInFlight` (default 4) requests in flight across the branches of the next two levels;
 * `urgent()` adds the segment the viewer reached while it was late (it ignores that limit),
 * and a cancel (DELETE) may still be on its way when the request that replaces it arrives.
 * 4 + 1 + 1 = 6: a well-behaved player never meets it, a client asking for every branch of a
 * story does.
 */
export const DEFAULT_MAX_WANTS_PER_VIEWER = 6;

/** What `reserve` answers: counted (`added`: newly, not a job the viewer already held), or refused with how many it holds. */
export type Reservation = { ok: true; added: boolean } | { ok: false; held: number };

/**
 * Which unfinished jobs each viewer (token `sub`) has asked for, to cap them. A job counts for
 * every viewer who asked for it (a coalesced request counts too) until it finishes, fails or
 * is cancelled (the queue's snapshot turns final), or until that viewer DELETEs it.
 *
 * The check and the reservation are one synchronous step (`reserve`), so concurrent requests
 * of one viewer cannot all pass the check before any of them is counted. Finished jobs leave
 * through the queue's `watch` (one listener per job, attached before the submit); when a viewer
 * is at the cap, `reconcile` asks the queue about each held job first, so a missed event
 * (e.g. a lost Redis connection) can never lock a viewer out for good.
 *
 * Per process: with several API processes behind a balancer, each one caps on its own.
 *
 * @example
 * const wants = new ViewerWants(queue, 6);
 * const r = wants.reserve('viewer-42', key); // { ok: true, added: true }
 * wants.drop('viewer-42', key);              // the viewer DELETEd it
 */
export class ViewerWants {
  private readonly byViewer = new Map<string, Set<string>>();
  private readonly byJob = new Map<string, { viewers: Set<string>; unwatch: () => void }>();
  /** Reservations whose submit has not answered yet (viewer + NUL + key → how many): `reconcile` leaves them alone. */
  private readonly submitting = new Map<string, number>();

  constructor(
    private readonly queue: Pick<JobQueue, 'get' | 'watch'>,
    /** Most unfinished jobs per viewer; Infinity: no cap. */
    readonly cap: number = DEFAULT_MAX_WANTS_PER_VIEWER,
  ) {
    if (!(cap >= 1)) throw new RangeError(`maxWantsPerViewer must be at least 1, got ${cap}`);
  }

  /** Unfinished jobs `viewer` holds. */
  count(viewer: string): number {
    return this.byViewer.get(viewer)?.size ?? 0;
  }

  holds(viewer: string, key: string): boolean {
    return this.byViewer.get(viewer)?.has(key) === true;
  }

  /**
   * Counts `key` for `viewer` unless that would pass the cap. Asking again for a job the viewer
   * already holds is always allowed and takes no second slot (`added: false`).
   */
  reserve(viewer: string, key: string): Reservation {
    let keys = this.byViewer.get(viewer);
    if (keys?.has(key)) return { ok: true, added: false };
    if ((keys?.size ?? 0) >= this.cap) return { ok: false, held: keys?.size ?? 0 };
    if (!keys) this.byViewer.set(viewer, (keys = new Set()));
    keys.add(key);
    let job = this.byJob.get(key);
    if (!job) {
      const entry = { viewers: new Set<string>(), unwatch: () => undefined as void };
      this.byJob.set(key, (job = entry));
      entry.unwatch = this.queue.watch(key, (snapshot: GenerationJob) => {
        if (isFinal(snapshot)) this.finished(key);
      });
    }
    job.viewers.add(viewer);
    return { ok: true, added: true };
  }

  /**
   * Reserves like `reserve` and runs `submit` under the reservation: a submit that throws
   * gives the slot back; one that answers a final job (e.g. done from the store) takes none.
   * At the cap, a job the queue already has as `done` is answered as is (no submit, no slot).
   * Resolves to the job, or to the refusal without calling `submit`.
   */
  async submitWithin(
    viewer: string,
    key: string,
    submit: () => Promise<GenerationJob>,
  ): Promise<{ ok: true; job: GenerationJob } | { ok: false; held: number }> {
    let reservation = this.reserve(viewer, key);
    if (!reservation.ok) {
      await this.reconcile(viewer);
      const current = await this.queue.get(key).catch(() => undefined);
      // A finished rendition costs nothing to hand out: answer it without a submit (and no slot).
      if (current?.status === 'done') return { ok: true, job: current };
      reservation = this.reserve(viewer, key); // Synchronous after the last await: no other request slips in between.
      if (!reservation.ok) return reservation;
    }
    const tag = `${viewer}\0${key}`;
    this.submitting.set(tag, (this.submitting.get(tag) ?? 0) + 1);
    let job: GenerationJob;
    try {
      job = await submit();
    } catch (error) {
      if (reservation.added) this.drop(viewer, key);
      throw error;
    } finally {
      const left = (this.submitting.get(tag) ?? 1) - 1;
      if (left > 0) this.submitting.set(tag, left);
      else this.submitting.delete(tag);
    }
    if (isFinal(job)) this.finished(key);
    return { ok: true, job };
  }

  /** `viewer` no longer wants `key` (it cancelled, or its request failed before a job existed). */
  drop(viewer: string, key: string): void {
    const keys = this.byViewer.get(viewer);
    if (keys?.delete(key) && keys.size === 0) this.byViewer.delete(viewer);
    const job = this.byJob.get(key);
    if (!job) return;
    job.viewers.delete(viewer);
    if (job.viewers.size === 0) {
      job.unwatch();
      this.byJob.delete(key);
    }
  }

  /** The job is over for everyone who wanted it. */
  finished(key: string): void {
    const job = this.byJob.get(key);
    if (!job) return;
    for (const viewer of [...job.viewers]) this.drop(viewer, key);
  }

  /** Asks the queue about each job `viewer` holds and forgets those that are over (or unknown). */
  async reconcile(viewer: string): Promise<void> {
    const keys = [...(this.byViewer.get(viewer) ?? [])].filter((key) => !this.submitting.has(`${viewer}\0${key}`));
    const snapshots = await Promise.all(keys.map((key) => this.queue.get(key).catch(() => null)));
    keys.forEach((key, i) => {
      const snapshot = snapshots[i];
      // null: the queue could not answer; keep counting rather than risk passing the cap. Only
      // this viewer's count changes: another viewer's submit of the same key may be under way.
      if (snapshot === undefined || (snapshot && isFinal(snapshot))) this.drop(viewer, key);
    });
  }

  /** Jobs watched (for leak checks). */
  jobCount(): number {
    return this.byJob.size;
  }
}
