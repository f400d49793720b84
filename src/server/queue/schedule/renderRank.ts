/**
 * How a render queue orders its work, one variable at a time (the lookahead bench compares them):
 * - 'fifo': whole jobs in the order they were asked for;
 * - 'deadline': whole jobs, nearest deadline first;
 * - 'head-first': work in fragments, earliest due first: a branch's head (its first
 *   `headSeconds`) is due whole at the branch's deadline, each later fragment at the deadline
 *   plus its offset; so every head comes before any tail fragment due later, and a running
 *   render yields at a fragment boundary to more urgent work.
 */
export type RenderOrder = 'fifo' | 'deadline' | 'head-first';

/** What the order looks at. */
export interface Rankable {
  seq: number;
  /** ms since the epoch. */
  deadlineAt: number;
  readySeconds: number;
  durationSeconds: number;
}

/**
 * The sort key of a render under `order`: compare the pairs, lower first.
 *
 * @example
 * renderRank('head-first', { seq: 0, deadlineAt: 9000, readySeconds: 2, durationSeconds: 8 }, 2); // [0, 11000]: a tail
 */
export function renderRank(order: RenderOrder, r: Rankable, headSeconds: number): [number, number] {
  if (order === 'fifo') return [0, r.seq];
  if (order === 'deadline') return [0, r.deadlineAt];
  const inTail = r.readySeconds >= Math.min(headSeconds, r.durationSeconds);
  // A head is one unit, due whole at the branch's deadline (the viewer needs all of it to
  // start); a tail fragment is due at the deadline plus its offset. One scale for both: a
  // strict "every head before any tail" tier starved the segment being watched (its next
  // second due now lost to heads due in 8 s): 3.7–4.2 s worst hold against 0.1 s this way
  // (bench/lookahead.bench.ts, in-process, 640x360, 6 viewers; ADR 0003).
  return [0, r.deadlineAt + (inTail ? r.readySeconds * 1000 : 0)];
}
