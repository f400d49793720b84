import type { ChoiceStep, GenerationJob, Story } from '../../core/index.js';
import { EventHub } from '../../core/events/EventHub.js';
import type { Position } from '../../core/rules/index.js';
import { GenerationApi } from './GenerationApi.js';
import type {
  GenerationClient,
  GenerationClientOptions,
  GenerationEvents,
  GenerationStatus,
  Playable,
} from './GenerationClient.js';
import { GenerationError } from './GenerationError.js';
import type { LookaheadAction } from './LookaheadPolicy.js';
import { LookaheadPolicy } from './LookaheadPolicy.js';
import type { PlannedTarget } from './lookaheadTargets.js';
import { commitTargets, planTargets } from './lookaheadTargets.js';
import type { Rendition } from './PlayableWaiters.js';
import { PlayableWaiters } from './PlayableWaiters.js';
import { isFinal, watchJob } from './watchJob.js';

/** One request the client is running: its POST, then its event stream or polling. */
interface Running {
  /** Aborts this job's event stream / polling (not its POST: see `cancel`). */
  watch: AbortController;
  jobId?: string;
  cancelled: boolean;
}

/**
 * Creates the generation client: the player's lookahead over the generation backend.
 *
 * @example
 * const gen = createGenerationClient({ baseUrl: 'https://gen.example.com', getToken });
 * gen.on('progress', ({ segmentId, readySeconds }) => overlay.holdProgress(segmentId, readySeconds));
 * gen.plan(story, position, history);              // on every segment start
 * gen.commit(history);                             // as soon as a choice is locked
 * const { playlistUrl } = await gen.whenPlayable('forest'); // the hold, when late
 */
export function createGenerationClient(options: GenerationClientOptions): GenerationClient {
  return new GenerationClientImpl(options);
}

class GenerationClientImpl implements GenerationClient {
  private readonly hub = new EventHub<GenerationEvents>();
  private readonly api: GenerationApi;
  private readonly policy: LookaheadPolicy;
  private readonly waiters: PlayableWaiters;
  private readonly renditions = new Map<string, Rendition>();
  private readonly running = new Map<string, Running>();
  private readonly planned = new Map<string, PlannedTarget>();
  private readonly life = new AbortController();
  private readonly clock: () => number;
  private readonly depth: number;
  private wake: ReturnType<typeof setTimeout> | undefined;
  private story: Story | undefined;
  private current: { segmentId: string; startedAt: number; history: readonly ChoiceStep[] } | undefined;

  constructor(private readonly options: GenerationClientOptions) {
    this.api = new GenerationApi({
      ...options,
      onRetry: (notice) => this.hub.emit('retry', notice),
      onRecovered: (what, attempts) => this.hub.emit('recovered', { what, attempts }),
    });
    this.policy = new LookaheadPolicy({
      maxInFlight: options.maxInFlight,
      headSeconds: options.headSeconds,
      leadFactor: options.leadFactor,
      minLeadSeconds: options.minLeadSeconds,
    });
    this.waiters = new PlayableWaiters(this.policy.headSeconds);
    this.clock = options.now ?? (() => performance.now());
    this.depth = options.depth ?? 2;
  }

  plan(story: Story, position: Position, history: readonly ChoiceStep[], now = this.clock(), held?: boolean): void {
    if (this.life.signal.aborted) return;
    this.story = story;
    this.current = { segmentId: position.segmentId, startedAt: now, history };
    const targets = planTargets(story, position, history, this.depth);
    // Judged before want() moves its due time to now: was the head playable when the
    // viewer was due to reach it (a held branch starts only once it is)?
    const reached = this.policy.reached(position.segmentId, held);
    this.remember(targets);
    const actions = this.policy.want(targets, now / 1000);
    const target = targets[0];
    if (reached === 'late' && target?.segmentId === position.segmentId && !this.status(position.segmentId).ready)
      actions.push(...this.policy.urgent(target, now / 1000));
    this.run(actions);
  }

  commit(history: readonly ChoiceStep[], now = this.clock()): void {
    if (this.life.signal.aborted) return;
    const { story, current } = this;
    if (!story || !current)
      throw new Error('GenerationClient.commit: call plan() when the first segment starts, before commit()');
    const duration = story.segments[current.segmentId]?.duration ?? 0;
    const remaining = Math.max(0, duration - (now - current.startedAt) / 1000);
    const targets = commitTargets(story, current.segmentId, history, remaining, this.depth);
    this.remember(targets);
    this.run(this.policy.want(targets, now / 1000));
  }

  status(segmentId: string): GenerationStatus {
    const r = this.renditions.get(segmentId);
    const entry = this.policy.entry(segmentId);
    const readySeconds = r?.readySeconds ?? 0;
    const head = Math.min(this.policy.headSeconds, r?.durationSeconds ?? Infinity);
    return {
      ready: r !== undefined && r.playlistUrl !== undefined && (r.done || readySeconds >= head),
      done: r?.done ?? false,
      readySeconds,
      progress: r?.progress ?? 0,
      playlistUrl: r?.playlistUrl,
      state: r?.done ? 'done' : (entry?.state ?? 'idle'),
    };
  }

  whenPlayable(segmentId: string, seconds?: number): Promise<Playable> {
    if (this.life.signal.aborted)
      return Promise.reject(new GenerationError('aborted', 'the generation client was destroyed'));
    const promise = this.waiters.add(segmentId, seconds).then((p) => ({ segmentId, ...p }));
    const rendition = this.renditions.get(segmentId);
    if (rendition) this.waiters.check(segmentId, rendition);
    const state = this.policy.entry(segmentId)?.state;
    if (this.waiters.has(segmentId) && state !== 'in-flight' && state !== 'done') {
      const segment =
        this.story && Object.hasOwn(this.story.segments, segmentId) ? this.story.segments[segmentId] : undefined;
      if (!segment?.generate) {
        this.waiters.fail(
          segmentId,
          new GenerationError(
            'not-generated',
            `whenPlayable: "${segmentId}" is not a generated segment of the planned story`,
          ),
        );
      } else {
        const history = this.planned.get(segmentId)?.history ?? [...(this.current?.history ?? [])];
        // The player waits for the segment playing (due now) or for the one it splices
        // next, due when the current one ends.
        const target: PlannedTarget = {
          segmentId,
          seconds: this.secondsUntil(segmentId),
          durationSeconds: segment.duration,
          history,
        };
        this.remember([target]);
        this.run(this.policy.urgent(target, this.clock() / 1000));
      }
    }
    return promise;
  }

  stats(): ReturnType<GenerationClient['stats']> {
    return this.policy.stats();
  }

  on<K extends keyof GenerationEvents>(type: K, handler: (payload: GenerationEvents[K]) => void): () => void {
    return this.hub.on(type, handler);
  }

  off<K extends keyof GenerationEvents>(type: K, handler: (payload: GenerationEvents[K]) => void): void {
    this.hub.off(type, handler);
  }

  destroy(): void {
    if (this.life.signal.aborted) return;
    for (const [segmentId, job] of this.running) {
      // Tell the backend we are gone, once, without waiting (keepalive survives page unload).
      if (job.jobId && !job.cancelled) this.sendDelete(segmentId, job.jobId, true);
      job.watch.abort();
    }
    this.running.clear();
    clearTimeout(this.wake);
    this.life.abort();
    this.waiters.failAll(new GenerationError('aborted', 'the generation client was destroyed'));
    this.hub.removeAll();
  }

  /** Seconds until the viewer reaches `segmentId`, if it is the current one (0) or follows it. */
  private secondsUntil(segmentId: string): number {
    const { story, current } = this;
    if (!story || !current || current.segmentId === segmentId) return 0;
    const duration = story.segments[current.segmentId]?.duration ?? 0;
    return Math.max(0, duration - (this.clock() - current.startedAt) / 1000);
  }

  private remember(targets: readonly PlannedTarget[]): void {
    for (const t of targets) {
      const before = this.planned.get(t.segmentId);
      // Reached along another path now (e.g. a segment both options lead to, first asked
      // for along the earliest path): its state on arrival, hence its rendition, may differ.
      // Ask again with this history; the backend answers from its store when it is the same.
      // The segment playing is never replaced.
      if (before && t.segmentId !== this.current?.segmentId && !sameHistory(before.history, t.history))
        this.replace(t.segmentId);
      this.planned.set(t.segmentId, t);
    }
  }

  /** Drop a request made with another history, keeping whoever waits for the segment waiting. */
  private replace(segmentId: string): void {
    const job = this.running.get(segmentId);
    if (job) {
      this.running.delete(segmentId);
      job.cancelled = true;
      job.watch.abort();
      if (job.jobId) this.sendDelete(segmentId, job.jobId, false);
    }
    this.renditions.delete(segmentId);
    this.policy.forget(segmentId);
  }

  private run(actions: readonly LookaheadAction[]): void {
    if (this.life.signal.aborted) return;
    for (const action of actions) {
      if (action.type === 'cancel') this.cancel(action.segmentId);
      else void this.request(action.segmentId, action.deadline);
    }
    // Targets not yet within the lead go out when they come within it.
    clearTimeout(this.wake);
    const at = this.policy.nextWakeAt();
    if (at !== undefined) {
      const delayMs = Math.max(0, at * 1000 - this.clock());
      this.wake = setTimeout(() => this.run(this.policy.tick(this.clock() / 1000)), delayMs + 1);
    }
  }

  private async request(segmentId: string, deadline: number): Promise<void> {
    const story = this.story as Story;
    const history = this.planned.get(segmentId)?.history ?? [];
    const job: Running = { watch: new AbortController(), cancelled: false };
    this.running.set(segmentId, job);
    try {
      let final: GenerationJob | undefined;
      // A backend that restarted (in-process queue) no longer knows the job: ask once more.
      // Its store is content-addressed, so what it had finished comes back at once.
      for (let asked = 0; !final; asked++) {
        // The POST runs under the client's life signal only: a cancel during it must still
        // learn the job id so it can DELETE it (an aborted POST may have created the job).
        const first = await this.api.generate(
          { storyId: story.id, segmentId, history, deadline: round(deadline) },
          this.life.signal,
        );
        job.jobId = first.jobId;
        if (job.cancelled) return this.sendDelete(segmentId, first.jobId, false);
        this.update(segmentId, first);
        try {
          final = isFinal(first)
            ? first
            : await watchJob(this.api, first.jobId, (j) => this.update(segmentId, j), job.watch.signal, {
                pollMs: this.options.pollMs,
                reconnectMs: this.options.reconnectMs,
              });
        } catch (error) {
          const lost = error instanceof GenerationError && error.status === 404 && asked === 0 && !job.cancelled;
          if (!lost) throw error;
        }
      }
      if (job.cancelled) return;
      if (final.status === 'done') return this.settle(segmentId, job, 'done');
      const code = final.error?.code ?? (final.status === 'cancelled' ? 'job-cancelled' : 'job-failed');
      this.fail(
        segmentId,
        job,
        new GenerationError(code, final.error?.message ?? `the backend reports job ${final.jobId} ${final.status}`),
      );
    } catch (error) {
      if (job.cancelled || this.life.signal.aborted) return;
      const e =
        error instanceof GenerationError
          ? error
          : new GenerationError('network', String((error as Error)?.message ?? error));
      this.fail(segmentId, job, e);
    }
  }

  private update(segmentId: string, job: GenerationJob): void {
    if (this.running.get(segmentId)?.cancelled !== false) return;
    const at = this.clock();
    const prev = this.renditions.get(segmentId);
    const wasReady = this.status(segmentId).ready;
    const r: Rendition = {
      readySeconds: Math.max(prev?.readySeconds ?? 0, job.readySeconds),
      durationSeconds: job.durationSeconds,
      progress: job.progress,
      playlistUrl: this.api.resolve(job.playlistUrl),
      done: job.status === 'done',
      firstSample: prev?.firstSample,
      lastSample: prev?.lastSample,
    };
    if (r.readySeconds > 0) {
      r.firstSample ??= { at, readySeconds: r.readySeconds };
      r.lastSample = { at, readySeconds: r.readySeconds };
    }
    this.renditions.set(segmentId, r);
    this.policy.progress(segmentId, r.done ? r.durationSeconds : r.readySeconds, at / 1000);
    this.hub.emit('progress', { segmentId, progress: r.progress, readySeconds: r.readySeconds });
    if (!wasReady && this.status(segmentId).ready) {
      this.hub.emit('ready', { segmentId, playlistUrl: r.playlistUrl as string, readySeconds: r.readySeconds });
    }
    this.waiters.check(segmentId, r);
  }

  private settle(segmentId: string, job: Running, outcome: 'done'): void {
    if (this.running.get(segmentId) === job) this.running.delete(segmentId);
    this.run(this.policy.settled(segmentId, outcome, this.clock() / 1000));
  }

  private fail(segmentId: string, job: Running, error: GenerationError): void {
    if (this.running.get(segmentId) === job) this.running.delete(segmentId);
    this.forgetPartial(segmentId);
    this.hub.emit('failed', { segmentId, code: error.code, message: error.message });
    this.waiters.fail(segmentId, error);
    this.run(this.policy.settled(segmentId, 'failed', this.clock() / 1000));
  }

  private cancel(segmentId: string): void {
    const job = this.running.get(segmentId);
    if (!job) return;
    this.running.delete(segmentId);
    job.cancelled = true;
    job.watch.abort();
    this.forgetPartial(segmentId);
    if (job.jobId) this.sendDelete(segmentId, job.jobId, false);
    this.waiters.fail(
      segmentId,
      new GenerationError('cancelled', `"${segmentId}" is no longer reachable; its job was cancelled`),
    );
  }

  /** The backend drops a cancelled or failed render's partial files: so do we. */
  private forgetPartial(segmentId: string): void {
    if (!this.renditions.get(segmentId)?.done) this.renditions.delete(segmentId);
  }

  private sendDelete(segmentId: string, jobId: string, keepalive: boolean): void {
    const signal = keepalive ? undefined : this.life.signal;
    this.api.cancel(jobId, signal, keepalive).catch((error: unknown) => {
      if (this.life.signal.aborted) return; // best effort once destroyed: the page may be gone
      console.warn(`[offshoot] cancelling generation of "${segmentId}" failed`, error);
    });
  }
}

function sameHistory(a: readonly ChoiceStep[], b: readonly ChoiceStep[]): boolean {
  return (
    a.length === b.length &&
    a.every((step, i) => step.segmentId === b[i]!.segmentId && step.optionId === b[i]!.optionId)
  );
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
