/**
 * The lookahead scheduling policy, with no HTTP and no clock of its own: it is told what
 * the viewer could reach and what the backend reported, and answers with actions (request,
 * cancel). The generation client executes them; the benchmark simulates them.
 * Times are seconds on one monotonic clock chosen by the caller.
 * See docs/decisions/0003-lookahead.md.
 */

/** A generated segment the viewer could reach. */
export interface LookaheadTarget {
  segmentId: string;
  /** Earliest seconds from `now` until the viewer could start playing it (0: now). */
  seconds: number;
  /** The segment's declared duration in seconds. */
  durationSeconds: number;
}

export type LookaheadAction =
  /** POST it; `deadline` is seconds from now (what the backend orders by). */
  | { type: 'request'; segmentId: string; deadline: number }
  /** DELETE the job: no path leads to it any more. */
  | { type: 'cancel'; segmentId: string };

/** Where one segment stands. `queued`: wanted, not sent yet (K are in flight). */
export type LookaheadState = 'queued' | 'in-flight' | 'done' | 'failed';

export interface LookaheadEntry {
  segmentId: string;
  state: LookaheadState;
  /** Absolute time (on the caller's clock) when the viewer could first reach it. */
  dueAt: number;
  durationSeconds: number;
  readySeconds: number;
  /** Asked for by `urgent()`: it jumps the queue and ignores the in-flight limit. */
  urgent: boolean;
  /** When it was sent; undefined while queued. */
  requestedAt?: number;
  /** Whether its head latency was measured already. */
  headSeen?: boolean;
  /** When its head first became playable (caller's clock); undefined until then. */
  headAt?: number;
}

export interface LookaheadStats {
  /** Requests sent (POSTs). */
  requested: number;
  /** Reached by the viewer with at least the head playable. */
  readyInTime: number;
  /** Reached by the viewer before the head was playable (the player holds). */
  late: number;
  /** Requests cancelled after they were sent (branch no longer reachable). */
  cancelled: number;
  /** Wanted, then unreachable before they were ever sent (cost nothing). */
  skipped: number;
  failed: number;
}

export interface LookaheadPolicyOptions {
  /** Most requests in flight (sent, not finished) at once. Default 4. */
  maxInFlight?: number;
  /** Seconds of a segment that count as "playable" when the viewer reaches it. Default 2. */
  headSeconds?: number;
  /**
   * Lead: a queued target is sent only once it is due within `leadFactor` × the measured
   * head latency (request → head playable, smoothed), and never later than `minLeadSeconds`
   * before it is due. Until a latency is measured everything goes out as slots free. A fast
   * backend then waits for the viewer's choice instead of rendering branches nobody takes.
   * Default 3; Infinity sends as soon as a slot is free.
   */
  leadFactor?: number;
  /** Default 4. */
  minLeadSeconds?: number;
}

/** Seconds a head may come after the estimated due time and still count as in time (frame and timer jitter). */
const REACH_SLACK_S = 0.25;

/**
 * Head-first, deadline-ordered lookahead with cancellation of unreachable branches.
 *
 * @example
 * const policy = new LookaheadPolicy({ maxInFlight: 2 });
 * policy.want([{ segmentId: 'a', seconds: 6, durationSeconds: 8 }, { segmentId: 'b', seconds: 6, durationSeconds: 8 }], 0);
 * // → [{ type: 'request', segmentId: 'a', deadline: 6 }, { type: 'request', segmentId: 'b', deadline: 6 }]
 * policy.want([{ segmentId: 'a', seconds: 2, durationSeconds: 8 }], 4); // viewer chose a
 * // → [{ type: 'cancel', segmentId: 'b' }]
 */
export class LookaheadPolicy {
  readonly maxInFlight: number;
  readonly headSeconds: number;
  readonly leadFactor: number;
  readonly minLeadSeconds: number;
  /** Smoothed seconds from request to head playable; undefined until measured. */
  private headLatency: number | undefined;
  private readonly entries = new Map<string, LookaheadEntry>();
  private readonly counts: LookaheadStats = {
    requested: 0,
    readyInTime: 0,
    late: 0,
    cancelled: 0,
    skipped: 0,
    failed: 0,
  };

  constructor(options: LookaheadPolicyOptions = {}) {
    this.maxInFlight = options.maxInFlight ?? 4;
    this.headSeconds = options.headSeconds ?? 2;
    this.leadFactor = options.leadFactor ?? 3;
    this.minLeadSeconds = options.minLeadSeconds ?? 4;
    if (!(this.maxInFlight >= 1))
      throw new RangeError(`LookaheadPolicy: maxInFlight must be at least 1, got ${options.maxInFlight}`);
    if (!(this.leadFactor >= 0))
      throw new RangeError(`LookaheadPolicy: leadFactor must be 0 or more, got ${options.leadFactor}`);
    if (!(this.minLeadSeconds >= 0))
      throw new RangeError(`LookaheadPolicy: minLeadSeconds must be 0 or more, got ${options.minLeadSeconds}`);
    if (!(this.headSeconds > 0))
      throw new RangeError(`LookaheadPolicy: headSeconds must be above 0, got ${options.headSeconds}`);
  }

  /**
   * Replace the set of reachable segments. Targets not seen before are queued by deadline;
   * reachable ones get their (possibly nearer) deadline; segments no longer reachable are
   * cancelled when in flight and dropped when queued. Finished ones are kept (cache).
   * Returns what to do now, cancels first.
   */
  want(targets: readonly LookaheadTarget[], now: number): LookaheadAction[] {
    const reachable = new Set(targets.map((t) => t.segmentId));
    const actions: LookaheadAction[] = [];
    for (const entry of [...this.entries.values()]) {
      if (reachable.has(entry.segmentId) || entry.urgent) continue;
      if (entry.state === 'in-flight') {
        actions.push({ type: 'cancel', segmentId: entry.segmentId });
        this.counts.cancelled++;
        this.entries.delete(entry.segmentId);
      } else if (entry.state === 'queued' || entry.state === 'failed') {
        if (entry.state === 'queued') this.counts.skipped++;
        this.entries.delete(entry.segmentId);
      }
    }
    for (const target of targets) {
      const dueAt = now + Math.max(0, target.seconds);
      const entry = this.entries.get(target.segmentId);
      if (!entry) {
        this.entries.set(target.segmentId, {
          segmentId: target.segmentId,
          state: 'queued',
          dueAt,
          durationSeconds: target.durationSeconds,
          readySeconds: 0,
          urgent: false,
        });
      } else {
        entry.dueAt = dueAt;
        if (entry.state === 'failed') entry.state = 'queued'; // reachable again: one more try
      }
    }
    return [...actions, ...this.dispatch(now)];
  }

  /** The viewer needs `segmentId` now (a hold): send it at once, past the in-flight limit. */
  urgent(target: LookaheadTarget, now: number): LookaheadAction[] {
    const entry = this.entries.get(target.segmentId);
    if (entry && (entry.state === 'in-flight' || entry.state === 'done')) return [];
    // Due when the target says (the viewer may still have seconds of picture): it is sent
    // now either way, and `reached` judges it against that time.
    this.entries.set(target.segmentId, {
      segmentId: target.segmentId,
      state: 'queued',
      dueAt: now + Math.max(0, target.seconds),
      durationSeconds: target.durationSeconds,
      readySeconds: 0,
      urgent: true,
    });
    return this.dispatch(now);
  }

  /** The backend reported `readySeconds` of it playable at `now`. */
  progress(segmentId: string, readySeconds: number, now?: number): void {
    const entry = this.entries.get(segmentId);
    if (!entry) return;
    entry.readySeconds = Math.max(entry.readySeconds, readySeconds);
    if (
      entry.headAt === undefined &&
      now !== undefined &&
      entry.readySeconds >= Math.min(this.headSeconds, entry.durationSeconds)
    )
      entry.headAt = now;
    if (
      !entry.headSeen &&
      now !== undefined &&
      entry.requestedAt !== undefined &&
      entry.readySeconds >= Math.min(this.headSeconds, entry.durationSeconds)
    ) {
      entry.headSeen = true;
      const sample = Math.max(0, now - entry.requestedAt);
      this.headLatency = this.headLatency === undefined ? sample : 0.7 * this.headLatency + 0.3 * sample;
    }
  }

  /** Seconds before its deadline a target is sent (Infinity until a latency is measured). */
  lead(): number {
    if (this.headLatency === undefined || this.leadFactor === Infinity) return Infinity;
    return Math.max(this.minLeadSeconds, this.leadFactor * this.headLatency);
  }

  /** Time passed: send what has come within the lead. */
  tick(now: number): LookaheadAction[] {
    return this.dispatch(now);
  }

  /** When the next queued target comes within the lead (call `tick` then); undefined if none. */
  nextWakeAt(): number | undefined {
    const lead = this.lead();
    let at: number | undefined;
    for (const e of this.entries.values()) {
      if (e.state === 'queued' && !e.urgent && Number.isFinite(lead)) at = Math.min(at ?? Infinity, e.dueAt - lead);
    }
    return at;
  }

  /** The job finished (`done`) or failed; its slot frees and the next queued one goes out. */
  settled(segmentId: string, outcome: 'done' | 'failed', now: number): LookaheadAction[] {
    const entry = this.entries.get(segmentId);
    if (!entry || entry.state !== 'in-flight') return [];
    entry.state = outcome;
    entry.urgent = false;
    if (outcome === 'done') this.progress(segmentId, entry.durationSeconds, now);
    else this.counts.failed++;
    return this.dispatch(now);
  }

  /**
   * The viewer started playing `segmentId`: counts it in time or late. Returns
   * 'untracked' for segments this policy never asked for (authored media).
   * Call it before `want()` moves the entry's due time to now. The head must have been
   * playable by when the viewer was due to reach it (`dueAt`, plus `REACH_SLACK_S` for the
   * due time being a wall-clock estimate), not merely by now: a late branch's segment
   * starts only after the player's hold, when its head is playable by definition.
   * `held`, when the caller knows it (the player does), decides instead: late iff the
   * viewer was shown the hold for it.
   */
  reached(segmentId: string, held?: boolean): 'in-time' | 'late' | 'untracked' {
    const entry = this.entries.get(segmentId);
    if (!entry) return 'untracked';
    const ready = entry.readySeconds >= Math.min(this.headSeconds, entry.durationSeconds);
    // A player that knows whether it had to hold for the segment says so: that is the truth
    // the viewer saw. The due-time estimate is wall clock and drifts with every stall or pause.
    const inTime =
      held !== undefined ? !held : ready && (entry.headAt === undefined || entry.headAt <= entry.dueAt + REACH_SLACK_S);
    if (inTime) this.counts.readyInTime++;
    else this.counts.late++;
    return inTime ? 'in-time' : 'late';
  }

  /**
   * Drop what is known about `segmentId` without counting it (its request is being replaced,
   * e.g. it must be rendered for another path's state). Returns whether it was in flight.
   */
  forget(segmentId: string): boolean {
    const entry = this.entries.get(segmentId);
    this.entries.delete(segmentId);
    if (entry?.state === 'in-flight') this.counts.cancelled++;
    return entry?.state === 'in-flight';
  }

  entry(segmentId: string): Readonly<LookaheadEntry> | undefined {
    return this.entries.get(segmentId);
  }

  /** Every tracked segment, soonest first. */
  list(): Readonly<LookaheadEntry>[] {
    return [...this.entries.values()].sort(byDue);
  }

  inFlight(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.state === 'in-flight') n++;
    return n;
  }

  stats(): LookaheadStats {
    return { ...this.counts };
  }

  /** Send queued entries, urgent then soonest first, while slots are free. */
  private dispatch(now: number): LookaheadAction[] {
    const lead = this.lead();
    const queued = [...this.entries.values()]
      .filter((e) => e.state === 'queued' && (e.urgent || e.dueAt - now <= lead))
      .sort(byDue);
    let free = this.maxInFlight - this.inFlight();
    const actions: LookaheadAction[] = [];
    for (const entry of queued) {
      if (free <= 0 && !entry.urgent) continue;
      entry.state = 'in-flight';
      entry.requestedAt = now;
      if (!entry.urgent) free--;
      this.counts.requested++;
      actions.push({ type: 'request', segmentId: entry.segmentId, deadline: Math.max(0, entry.dueAt - now) });
    }
    return actions;
  }
}

function byDue(a: LookaheadEntry, b: LookaheadEntry): number {
  return Number(b.urgent) - Number(a.urgent) || a.dueAt - b.dueAt;
}
