/**
 * How a render queue orders its work, one variable at a time (the lookahead bench compares them):
 * - 'fifo': whole jobs in the order they were asked for;
 * - 'deadline': whole jobs, nearest deadline first;
 * - 'head-first': every wanted branch's head (its first `headSeconds`) before any tail, heads
 *   by deadline, tails by the deadline of their next fragment (the branch's deadline plus the
 *   seconds already rendered), and a running render yields at a fragment boundary to a more
 *   urgent one.
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
 * renderRank('head-first', { seq: 0, deadlineAt: 9000, readySeconds: 2, durationSeconds: 8 }, 2); // [1, 11000]: a tail
 */
export function renderRank(order: RenderOrder, r: Rankable, headSeconds: number): [number, number] {
  if (order === 'fifo') return [0, r.seq];
  if (order === 'deadline') return [0, r.deadlineAt];
  const inTail = r.readySeconds >= Math.min(headSeconds, r.durationSeconds);
  return [inTail ? 1 : 0, r.deadlineAt + r.readySeconds * 1000];
}
