import type { Position } from './Position.js';

/**
 * The position after moving to `segmentId` with `vars`: its visit count goes up by one.
 *
 * @example
 * enterSegment(here, 'forest', here.vars).visits.forest; // one more than before
 */
export function enterSegment(from: Position, segmentId: string, vars = from.vars): Position {
  return { segmentId, vars, visits: { ...from.visits, [segmentId]: (from.visits[segmentId] ?? 0) + 1 } };
}
