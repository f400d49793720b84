import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LookaheadAction, LookaheadTarget } from '../../../src/player/generation/LookaheadPolicy.js';
import { LookaheadPolicy } from '../../../src/player/generation/LookaheadPolicy.js';

const t = (segmentId: string, seconds: number, durationSeconds = 6): LookaheadTarget => ({
  segmentId,
  seconds,
  durationSeconds,
});
const requested = (actions: LookaheadAction[]) => actions.filter((a) => a.type === 'request').map((a) => a.segmentId);
const cancelled = (actions: LookaheadAction[]) => actions.filter((a) => a.type === 'cancel').map((a) => a.segmentId);

describe('LookaheadPolicy', () => {
  it('requests nearest deadline first, whatever order the targets come in', () => {
    const policy = new LookaheadPolicy({ maxInFlight: 10 });
    const actions = policy.want([t('far', 12), t('near', 3), t('mid', 7), t('now', 0)], 100);
    expect(actions).toEqual([
      { type: 'request', segmentId: 'now', deadline: 0 },
      { type: 'request', segmentId: 'near', deadline: 3 },
      { type: 'request', segmentId: 'mid', deadline: 7 },
      { type: 'request', segmentId: 'far', deadline: 12 },
    ]);
  });

  it('keeps at most K in flight and sends the next soonest when one settles', () => {
    const policy = new LookaheadPolicy({ maxInFlight: 2, leadFactor: Infinity });
    expect(requested(policy.want([t('d', 9), t('a', 1), t('c', 5), t('b', 3)], 0))).toEqual(['a', 'b']);
    expect(policy.inFlight()).toBe(2);
    expect(policy.entry('c')?.state).toBe('queued');
    // 2 s later 'b' is done: 'c' goes out with its deadline counted from now.
    expect(policy.settled('b', 'done', 2)).toEqual([{ type: 'request', segmentId: 'c', deadline: 3 }]);
    expect(policy.settled('a', 'failed', 2)).toEqual([{ type: 'request', segmentId: 'd', deadline: 7 }]);
    expect(policy.stats()).toMatchObject({ requested: 4, failed: 1 });
  });

  it('cancels in-flight branches that are no longer reachable and drops queued ones for free', () => {
    const policy = new LookaheadPolicy({ maxInFlight: 3 });
    policy.want([t('left', 4), t('right', 4), t('l1', 10), t('r1', 10)], 0);
    // The viewer chose left: right (in flight) is cancelled, r1 (never sent) is dropped.
    const actions = policy.want([t('left', 2), t('l1', 8)], 2);
    expect(cancelled(actions)).toEqual(['right']);
    expect(requested(actions)).toEqual([]);
    expect(policy.entry('r1')).toBeUndefined();
    expect(policy.stats()).toMatchObject({ cancelled: 1, skipped: 1, requested: 3 });
  });

  it('asks for the next level once a choice frees slots', () => {
    const policy = new LookaheadPolicy({ maxInFlight: 2 });
    expect(requested(policy.want([t('left', 4), t('right', 4)], 0))).toEqual(['left', 'right']);
    const actions = policy.want([t('left', 3), t('l1', 9), t('l2', 9)], 1);
    expect(cancelled(actions)).toEqual(['right']);
    expect(requested(actions)).toEqual(['l1']);
    expect(actions.find((a) => a.segmentId === 'l1')).toEqual({ type: 'request', segmentId: 'l1', deadline: 9 });
    expect(policy.entry('l2')?.state).toBe('queued');
  });

  it('keeps finished renditions when they fall out of reach (they are a cache, not a cost)', () => {
    const policy = new LookaheadPolicy({ maxInFlight: 2 });
    policy.want([t('a', 1), t('b', 1)], 0);
    policy.settled('a', 'done', 1);
    expect(cancelled(policy.want([t('c', 5)], 2))).toEqual(['b']);
    expect(policy.entry('a')?.state).toBe('done');
  });

  it('an urgent request jumps the queue and ignores the limit', () => {
    const policy = new LookaheadPolicy({ maxInFlight: 1 });
    policy.want([t('a', 2), t('b', 4)], 0);
    expect(policy.urgent(t('b', 0), 1)).toEqual([{ type: 'request', segmentId: 'b', deadline: 0 }]);
    expect(policy.inFlight()).toBe(2);
    // Urgent work survives a plan that no longer lists it: the player is waiting on it.
    expect(cancelled(policy.want([t('a', 1)], 1))).toEqual([]);
  });

  it('counts a reached segment in time only when its head is playable', () => {
    const policy = new LookaheadPolicy({ maxInFlight: 4, headSeconds: 2 });
    policy.want([t('a', 4), t('b', 4), t('short', 4, 1)], 0);
    policy.progress('a', 2);
    policy.progress('b', 1);
    policy.progress('short', 1); // a 1 s segment is whole at 1 s
    expect(policy.reached('a')).toBe('in-time');
    expect(policy.reached('b')).toBe('late');
    expect(policy.reached('short')).toBe('in-time');
    expect(policy.reached('authored')).toBe('untracked');
    expect(policy.stats()).toMatchObject({ readyInTime: 2, late: 1 });
  });

  it('when the player says whether it held, that decides (not the wall-clock due time)', () => {
    const policy = new LookaheadPolicy({ maxInFlight: 4, headSeconds: 1 });
    policy.want([t('a', 1), t('b', 1)], 0);
    // Both heads came 3 s after they were due by the wall clock (the viewer had stalled meanwhile).
    policy.progress('a', 1, 4);
    policy.progress('b', 1, 4);
    expect(policy.reached('a', false)).toBe('in-time');
    expect(policy.reached('b', true)).toBe('late');
    expect(policy.reached('authored', true)).toBe('untracked');
    expect(policy.stats()).toMatchObject({ readyInTime: 1, late: 1 });
  });

  it('tries a failed segment again when a later plan still reaches it', () => {
    const policy = new LookaheadPolicy({ maxInFlight: 1 });
    policy.want([t('a', 5)], 0);
    policy.settled('a', 'failed', 1);
    expect(requested(policy.want([t('a', 3)], 2))).toEqual(['a']);
  });

  it('once the head latency is known, holds far targets back until they come within the lead', () => {
    const policy = new LookaheadPolicy({ maxInFlight: 4, leadFactor: 3, minLeadSeconds: 2 });
    // Nothing measured yet: everything goes out as slots allow.
    expect(requested(policy.want([t('a', 3), t('b', 3)], 0))).toEqual(['a', 'b']);
    expect(policy.lead()).toBe(Infinity);
    policy.progress('a', 2, 1); // head after 1 s: lead = max(2, 3 × 1) = 3 s
    expect(policy.lead()).toBe(3);
    // The viewer chose a; its children are 9 s away: they wait.
    const actions = policy.want([t('a', 2), t('a1', 9), t('a2', 12)], 1);
    expect(cancelled(actions)).toEqual(['b']);
    expect(requested(actions)).toEqual([]);
    expect(policy.nextWakeAt()).toBe(1 + 9 - 3);
    expect(requested(policy.tick(6.9))).toEqual([]);
    expect(policy.tick(7)).toEqual([{ type: 'request', segmentId: 'a1', deadline: 3 }]);
    expect(policy.nextWakeAt()).toBe(10);
  });

  it('smooths the measured latency and never lets the lead drop under minLeadSeconds', () => {
    const policy = new LookaheadPolicy({ maxInFlight: 4, leadFactor: 3, minLeadSeconds: 4 });
    policy.want([t('a', 5), t('b', 5), t('c', 5)], 0);
    policy.progress('a', 2, 0.5);
    expect(policy.lead()).toBe(4); // 3 × 0.5 < 4
    policy.settled('b', 'done', 3.5); // a done counts as a head too: 0.7·0.5 + 0.3·3.5 = 1.4
    expect(policy.lead()).toBeCloseTo(4.2);
    policy.progress('a', 6, 9); // a's head was already measured: no new sample
    expect(policy.lead()).toBeCloseTo(4.2);
  });

  it('leadFactor Infinity turns the lead off, even after a zero latency (a rendition the store had)', () => {
    const policy = new LookaheadPolicy({ leadFactor: Infinity });
    policy.want([t('a', 1)], 0);
    policy.settled('a', 'done', 0);
    expect(policy.lead()).toBe(Infinity);
    expect(requested(policy.want([t('a', 1), t('far', 60)], 0))).toEqual(['far']);
    // With a finite factor the same zero latency gives the minimum lead: far waits.
    const gated = new LookaheadPolicy({ leadFactor: 3, minLeadSeconds: 4 });
    gated.want([t('a', 1)], 0);
    gated.settled('a', 'done', 0);
    expect(gated.lead()).toBe(4);
    expect(requested(gated.want([t('a', 1), t('far', 60)], 0))).toEqual([]);
  });

  it('rejects a nonsensical configuration with a clear error', () => {
    expect(() => new LookaheadPolicy({ maxInFlight: 0 })).toThrow(/maxInFlight must be at least 1/);
    expect(() => new LookaheadPolicy({ headSeconds: -1 })).toThrow(/headSeconds must be above 0/);
  });

  it('never exceeds K non-urgent requests in flight and never sends a later deadline before an earlier one', () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('want' as const),
        ids: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 8 }),
        secs: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 8, maxLength: 8 }),
      }),
      fc.record({ kind: fc.constant('settle' as const), id: fc.integer({ min: 0, max: 9 }), ok: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(step, { maxLength: 30 }), (k, steps) => {
        const policy = new LookaheadPolicy({ maxInFlight: k, leadFactor: Infinity });
        steps.forEach((s, now) => {
          const actions =
            s.kind === 'want'
              ? policy.want(
                  s.ids.map((id, i) => t(`s${id}`, s.secs[i] ?? 0)),
                  now,
                )
              : policy.settled(`s${s.id}`, s.ok ? 'done' : 'failed', now);
          const deadlines = actions.flatMap((a) => (a.type === 'request' ? [a.deadline] : []));
          expect(deadlines).toEqual([...deadlines].sort((x, y) => x - y));
          expect(policy.inFlight()).toBeLessThanOrEqual(k);
          // Nothing queued may be nearer than something sent while slots were full.
          const queued = policy.list().filter((e) => e.state === 'queued');
          if (queued.length > 0) expect(policy.inFlight()).toBe(k);
        });
      }),
    );
  });
});
