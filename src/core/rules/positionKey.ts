import type { Position } from './Position.js';

/**
 * A string that is equal for equal positions: used to merge search branches that reached the
 * same state. Pass `vars`/`visits` to key only on the names that matter to the story's
 * expressions (anything else cannot change what happens next). A missing visit count and 0
 * key the same (expressions read both as 0).
 *
 * @example
 * positionKey(a) === positionKey(b); // same segment, same variables, same visit counts
 */
export function positionKey(position: Position, vars?: readonly string[], visits?: readonly string[]): string {
  const parts: string[] = [position.segmentId];
  for (const name of vars ?? Object.keys(position.vars).sort()) {
    const value = position.vars[name];
    parts.push(typeof value === 'string' ? JSON.stringify(value) : String(value));
  }
  parts.push('#');
  for (const name of visits ?? Object.keys(position.visits).sort()) {
    const count = position.visits[name];
    if (count) parts.push(`${name}=${count}`);
  }
  return parts.join('\u0000');
}
