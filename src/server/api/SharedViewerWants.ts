import type { Redis } from 'ioredis';
import type { GenerationJob } from '../../core/index.js';
import { isFinal } from '../queue/JobQueue.js';
import type { JobQueue } from '../queue/JobQueue.js';
import { QueueUnavailable } from '../queue/QueueUnavailable.js';

/**
 * KEYS: the viewer's set of unfinished keys, the key's set of viewers. ARGV: key, viewer, cap,
 * seconds to keep. Returns [1, added] when counted, [0, held] when at the cap.
 */
const RESERVE = `
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return {1, 0} end
local held = redis.call('SCARD', KEYS[1])
if held >= tonumber(ARGV[3]) then return {0, held} end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return {1, 1}
`;

/** A day: a want outlives no render by that much; reconcile clears what a dead process left. */
const KEEP_SECONDS = 86_400;

/**
 * The per-viewer cap on unfinished jobs (see ViewerWants) for a fleet of API processes on one
 * Redis (`offshoot serve --redis`): each viewer's unfinished keys are one Redis set, checked
 * and added to in one Lua step, so requests spread over several processes share one cap. The
 * process that submitted a job watches it and clears it for every viewer when it turns final;
 * a viewer at the cap has the queue re-read its jobs first, so a process that died before its
 * job finished never locks the viewer out.
 *
 * @example
 * const wants = new SharedViewerWants(queue, 6, redis, 'offshoot:offshoot-render');
 * const outcome = await wants.submitWithin('viewer-42', key, () => queue.submit(task, want));
 */
export class SharedViewerWants {
  constructor(
    private readonly queue: Pick<JobQueue, 'get' | 'watch'>,
    /** Most unfinished jobs per viewer. */
    readonly cap: number,
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    if (!(cap >= 1)) throw new RangeError(`maxWantsPerViewer must be at least 1, got ${cap}`);
  }

  /** Reserves a slot for `key` and runs `submit` under it, like ViewerWants.submitWithin. */
  async submitWithin(
    viewer: string,
    key: string,
    submit: () => Promise<GenerationJob>,
  ): Promise<{ ok: true; job: GenerationJob } | { ok: false; held: number }> {
    let reservation = await this.reserve(viewer, key);
    if (!reservation.ok) {
      await this.reconcile(viewer);
      const current = await this.queue.get(key).catch(() => undefined);
      if (current?.status === 'done') return { ok: true, job: current };
      reservation = await this.reserve(viewer, key);
      if (!reservation.ok) return reservation;
    }
    let job: GenerationJob;
    try {
      job = await submit();
    } catch (error) {
      if (reservation.added) await this.drop(viewer, key).catch(() => undefined);
      throw error;
    }
    if (isFinal(job)) await this.finished(key);
    else {
      const unwatch = this.queue.watch(key, (snapshot) => {
        if (!isFinal(snapshot)) return;
        unwatch();
        void this.finished(key).catch(() => undefined); // reconcile covers a failure here
      });
    }
    return { ok: true, job };
  }

  /** `viewer` no longer wants `key`. */
  async drop(viewer: string, key: string): Promise<void> {
    await this.redis.multi().srem(this.viewerSet(viewer), key).srem(this.keySet(key), viewer).exec();
  }

  private async reserve(
    viewer: string,
    key: string,
  ): Promise<{ ok: true; added: boolean } | { ok: false; held: number }> {
    try {
      const [ok, n] = (await this.redis.eval(
        RESERVE,
        2,
        this.viewerSet(viewer),
        this.keySet(key),
        key,
        viewer,
        String(this.cap),
        String(KEEP_SECONDS),
      )) as [number, number];
      return ok === 1 ? { ok: true, added: n === 1 } : { ok: false, held: n };
    } catch (error) {
      throw new QueueUnavailable('Redis (wants cap)', (error as Error).message);
    }
  }

  /** The job is over for everyone who wanted it. */
  private async finished(key: string): Promise<void> {
    const viewers = await this.redis.smembers(this.keySet(key));
    const multi = this.redis.multi();
    for (const viewer of viewers) multi.srem(this.viewerSet(viewer), key);
    await multi.del(this.keySet(key)).exec();
  }

  /** Forgets the viewer's jobs the queue says are over or does not know. */
  private async reconcile(viewer: string): Promise<void> {
    const keys = await this.redis.smembers(this.viewerSet(viewer));
    const snapshots = await Promise.all(keys.map((key) => this.queue.get(key).catch(() => null)));
    await Promise.all(
      keys.map((key, i) => {
        const snapshot = snapshots[i];
        return snapshot === undefined || (snapshot && isFinal(snapshot)) ? this.drop(viewer, key) : undefined;
      }),
    );
  }

  private viewerSet(viewer: string): string {
    return `${this.prefix}:wants:${viewer}`;
  }

  private keySet(key: string): string {
    return `${this.prefix}:wanters:${key}`;
  }
}
