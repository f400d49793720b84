import { renderRank, type RenderOrder } from './renderRank.js';

export interface RenderSchedulerOptions {
  /** Renders that compute at once (CPU/GPU slots). */
  slots: number;
  /** Which render goes first; see RenderOrder. Default 'head-first'. */
  order?: RenderOrder;
  /** Seconds from a branch's start that make it playable (the head). Default 2. */
  headSeconds?: number;
  /**
   * Most renders held paused at a fragment boundary at once (each keeps its encoder process
   * and painter waiting); past it nobody is preempted. Default 4 × slots.
   */
  maxPaused?: number;
}

/** A render's place in the scheduler, from `acquire` until `release`. */
export interface RenderLease {
  /**
   * Call after each published fragment with the seconds now playable: resolves at once, or
   * (head-first only) once the render gets a slot back after a more urgent render took it.
   * Resolves at once when the lease's signal aborts, so the render can stop.
   */
  yieldPoint(readySeconds: number): Promise<void>;
  /** The render ended (done, failed, cancelled): its slot goes to the next. */
  release(): void;
}

interface Ticket {
  id: string;
  seq: number;
  deadlineAt: number;
  durationSeconds: number;
  readySeconds: number;
  state: 'waiting' | 'running' | 'paused' | 'gone';
  wake?: () => void;
}

/**
 * Decides which render computes, `slots` at a time: whole jobs in arrival order ('fifo'), by
 * deadline ('deadline'), or head-first ('head-first': fragments earliest due first, a head due
 * whole at its branch's deadline, so heads come before any tail due later). In head-first order a
 * render yields its slot at a fragment boundary (`lease.yieldPoint`) when a more urgent one
 * waits, and resumes later in the same encoder process, so a render split this way is still
 * one seamless rendition. Renders that never call yieldPoint are simply not preempted.
 *
 * @example
 * const scheduler = new RenderScheduler({ slots: 1, order: 'head-first' });
 * const lease = await scheduler.acquire(key, Date.now() + 6000, 8, signal);
 * try { await render({ onSegment: (s) => ..., yieldPoint: (s) => lease.yieldPoint(s) }); } finally { lease.release(); }
 */
export class RenderScheduler {
  private readonly tickets = new Map<string, Ticket>();
  private readonly order: RenderOrder;
  private readonly headSeconds: number;
  private readonly maxPaused: number;
  private running = 0;
  private seq = 0;

  constructor(private readonly options: RenderSchedulerOptions) {
    if (!(Number.isInteger(options.slots) && options.slots >= 1))
      throw new Error(`RenderScheduler: slots must be a whole number ≥ 1, got ${options.slots}`);
    this.order = options.order ?? 'head-first';
    this.headSeconds = options.headSeconds ?? 2;
    this.maxPaused = options.maxPaused ?? 4 * options.slots;
  }

  /** Renders computing now, waiting to start, and paused at a boundary. */
  counts(): { running: number; waiting: number; paused: number } {
    let waiting = 0;
    let paused = 0;
    for (const t of this.tickets.values()) {
      if (t.state === 'waiting') waiting++;
      if (t.state === 'paused') paused++;
    }
    return { running: this.running, waiting, paused };
  }

  /** Waits for a slot for render `id` (deadline as ms since the epoch); resolves when it may start. */
  async acquire(id: string, deadlineAt: number, durationSeconds: number, signal: AbortSignal): Promise<RenderLease> {
    if (this.tickets.has(id)) throw new Error(`RenderScheduler: render ${id} already holds a lease`);
    const ticket: Ticket = { id, seq: this.seq++, deadlineAt, durationSeconds, readySeconds: 0, state: 'waiting' };
    this.tickets.set(id, ticket);
    await this.waitForSlot(ticket, signal);
    return {
      yieldPoint: (readySeconds) => this.yieldPoint(ticket, readySeconds, signal),
      release: () => this.release(ticket),
    };
  }

  /** A want with an earlier deadline arrived: the render moves up (never down). */
  moveUp(id: string, deadlineAt: number): void {
    const ticket = this.tickets.get(id);
    if (!ticket || deadlineAt >= ticket.deadlineAt) return;
    ticket.deadlineAt = deadlineAt;
  }

  private async yieldPoint(ticket: Ticket, readySeconds: number, signal: AbortSignal): Promise<void> {
    ticket.readySeconds = Math.max(ticket.readySeconds, readySeconds);
    if (this.order !== 'head-first' || signal.aborted || ticket.state !== 'running') return;
    if (this.counts().paused >= this.maxPaused) return;
    const next = this.best();
    if (!next || !this.before(next, ticket)) return;
    ticket.state = 'paused';
    this.running--;
    this.pump();
    await this.waitForSlot(ticket, signal);
  }

  private release(ticket: Ticket): void {
    if (ticket.state === 'gone') return;
    if (ticket.state === 'running') this.running--;
    ticket.state = 'gone';
    this.tickets.delete(ticket.id);
    this.pump();
  }

  /** Resolves when `ticket` is running again (or its signal aborted: it then leaves the line). */
  private waitForSlot(ticket: Ticket, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const onAbort = (): void => {
        if (ticket.state === 'waiting' || ticket.state === 'paused') {
          ticket.state = 'gone';
          this.tickets.delete(ticket.id);
        }
        resolve();
      };
      ticket.wake = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.options.slots) {
      const next = this.best();
      if (!next) return;
      next.state = 'running';
      this.running++;
      next.wake?.();
    }
  }

  /** The waiting or paused render that should compute next. */
  private best(): Ticket | undefined {
    let best: Ticket | undefined;
    for (const t of this.tickets.values()) {
      if ((t.state === 'waiting' || t.state === 'paused') && (!best || this.before(t, best))) best = t;
    }
    return best;
  }

  private before(a: Ticket, b: Ticket): boolean {
    const ra = renderRank(this.order, a, this.headSeconds);
    const rb = renderRank(this.order, b, this.headSeconds);
    return ra[0] !== rb[0] ? ra[0] < rb[0] : ra[1] !== rb[1] ? ra[1] < rb[1] : a.seq < b.seq;
  }
}
