import type { Position } from './Position.js';

/**
 * A string that is equal for equal positions: used to merge search branches that reached the
 * same state. Pass `vars`/`visits` to key only on the names that matter to the story's
 * expressions (anything else cannot change what happens next).
 *
 * @example
 * positionKey(a) === positionKey(b); // same segment, same variables, same visit counts
 */
export function positionKey(position: Position, vars?: readonly string[], visits?: readonly string[]): string {
  const varNames = vars ?? Object.keys(position.vars).sort();
  const visitNames = visits ?? Object.keys(position.visits).sort();
  let key = position.segmentId;
  for (const name of varNames) key += `\u0000${JSON.stringify(position.vars[name] ?? null)}`;
  key += '\u0001';
  for (const name of visitNames) key += `\u0000${position.visits[name] ?? 0}`;
  return key;
}
