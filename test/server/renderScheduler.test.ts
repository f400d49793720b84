import { describe, expect, it } from 'vitest';
import { RenderScheduler } from '../../src/server/queue/schedule/RenderScheduler.js';
import type { RenderLease } from '../../src/server/queue/schedule/RenderScheduler.js';
import type { RenderOrder } from '../../src/server/queue/schedule/renderRank.js';

const T0 = 1_000_000;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Asks for renders in the given order while one slot is busy, then records the order they start in. */
async function startOrder(order: RenderOrder, asks: Array<{ id: string; deadline: number }>): Promise<string[]> {
  const scheduler = new RenderScheduler({ slots: 1, order });
  const signal = new AbortController().signal;
  const busy = await scheduler.acquire('busy', T0, 4, signal);
  const started: string[] = [];
  const done = asks.map(({ id, deadline }) =>
    scheduler.acquire(id, T0 + deadline * 1000, 4, signal).then((lease) => {
      started.push(id);
      lease.release(); // the next one starts
    }),
  );
  busy.release();
  await Promise.all(done);
  return started;
}

describe('RenderScheduler', () => {
  const asks = [
    { id: 'late', deadline: 9 },
    { id: 'soon', deadline: 1 },
    { id: 'mid', deadline: 5 },
  ];

  it('starts whole jobs in arrival order (fifo) or nearest deadline first (deadline, head-first)', async () => {
    expect(await startOrder('fifo', asks)).toEqual(['late', 'soon', 'mid']);
    expect(await startOrder('deadline', asks)).toEqual(['soon', 'mid', 'late']);
    expect(await startOrder('head-first', asks)).toEqual(['soon', 'mid', 'late']);
  });

  it('head-first: a running tail yields its slot at the next fragment boundary to a head due first, then resumes', async () => {
    const scheduler = new RenderScheduler({ slots: 1, order: 'head-first', headSeconds: 2 });
    const signal = new AbortController().signal;
    const tail = await scheduler.acquire('long', T0, 8, signal);
    // Still in its head (1 s of 2, due now): a head due in 1 s does not preempt it.
    let headStarted = false;
    const head = scheduler.acquire('branch', T0 + 1000, 4, signal).then((lease) => {
      headStarted = true;
      return lease;
    });
    await tail.yieldPoint(1);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(headStarted).toBe(false);
    // Its head is out: its next fragment is due at +2 s, the waiting head at +1 s: it yields.
    let resumed = false;
    const paused = tail.yieldPoint(2).then(() => (resumed = true));
    const branch = await head;
    expect(scheduler.counts()).toEqual({ running: 1, waiting: 0, paused: 1 });
    expect(resumed).toBe(false);
    branch.release();
    await paused;
    expect(scheduler.counts()).toEqual({ running: 1, waiting: 0, paused: 0 });
    tail.release();
    expect(scheduler.counts()).toEqual({ running: 0, waiting: 0, paused: 0 });
  });

  it('head-first: a tail fragment due before a waiting head keeps the slot (the watched segment must not starve)', async () => {
    const scheduler = new RenderScheduler({ slots: 1, order: 'head-first', headSeconds: 2 });
    const signal = new AbortController().signal;
    const watched = await scheduler.acquire('watched', T0, 8, signal);
    let headStarted = false;
    const head = scheduler.acquire('later', T0 + 8000, 4, signal).then((lease) => {
      headStarted = true;
      return lease;
    });
    for (const seconds of [2, 3, 4, 5, 6, 7]) await watched.yieldPoint(seconds); // due +2 … +7 s: all before +8 s
    expect(headStarted).toBe(false);
    const paused = watched.yieldPoint(8.5); // +8.5 s: now the head is due first and takes the slot
    (await head).release();
    expect(headStarted).toBe(true);
    await paused;
    watched.release();
  });

  it('head-first: a more urgent head preempts a head; whole-job orders never preempt', async () => {
    for (const order of ['head-first', 'deadline', 'fifo'] as const) {
      const scheduler = new RenderScheduler({ slots: 1, order, headSeconds: 2 });
      const signal = new AbortController().signal;
      const first = await scheduler.acquire('first', T0 + 9000, 4, signal);
      let urgent: RenderLease | undefined;
      void scheduler.acquire('urgent', T0 + 1000, 4, signal).then((lease) => (urgent = lease));
      const boundary = first.yieldPoint(1);
      await tick();
      expect(urgent !== undefined, order).toBe(order === 'head-first');
      urgent?.release();
      await boundary;
      first.release();
      urgent?.release();
    }
  });

  it('tails go by the deadline of their next fragment, so two tails take turns', async () => {
    const scheduler = new RenderScheduler({ slots: 1, order: 'head-first', headSeconds: 1 });
    const signal = new AbortController().signal;
    const a = await scheduler.acquire('a', T0, 6, signal);
    const b = scheduler.acquire('b', T0 + 500, 6, signal);
    const aPaused = a.yieldPoint(1); // a's next fragment is due at +1 s, after b's head (+0.5 s)
    const bLease = await b;
    const bPaused = bLease.yieldPoint(1); // b's next is due at +1.5 s: a (+1 s) goes first
    await aPaused;
    expect(scheduler.counts()).toEqual({ running: 1, waiting: 0, paused: 1 });
    a.release();
    await bPaused;
    bLease.release();
  });

  it('a cancelled render leaves the line at once, waiting or paused, and its slot is not lost', async () => {
    const scheduler = new RenderScheduler({ slots: 1, order: 'head-first', headSeconds: 1 });
    const running = await scheduler.acquire('tail', T0, 6, new AbortController().signal);
    const cancelWaiting = new AbortController();
    const waiting = scheduler.acquire('gone', T0 + 100, 2, cancelWaiting.signal);
    cancelWaiting.abort();
    await waiting; // resolves at once so the render can see its signal and stop
    running.release();
    expect(scheduler.counts()).toEqual({ running: 0, waiting: 0, paused: 0 });

    const s2 = new RenderScheduler({ slots: 1, order: 'head-first', headSeconds: 1 });
    const stop = new AbortController();
    const tail = await s2.acquire('tail', T0, 6, stop.signal);
    const head = s2.acquire('head', T0 + 100, 2, new AbortController().signal);
    const held = tail.yieldPoint(1);
    const headLease = await head;
    stop.abort(); // cancelled while paused: yieldPoint resolves now, not when the head is done
    await held;
    tail.release();
    expect(s2.counts()).toEqual({ running: 1, waiting: 0, paused: 0 });
    headLease.release();
    expect(s2.counts()).toEqual({ running: 0, waiting: 0, paused: 0 });
  });
});
