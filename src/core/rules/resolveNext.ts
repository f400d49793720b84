import type { Story } from '../story/Story.js';
import { conditionHolds } from './evaluateExpression.js';
import type { Position } from './Position.js';
import { RuleError } from './RuleError.js';
import { segmentOf } from './segmentOf.js';

/**
 * Where a `next` segment goes: the plain id, or the first route whose `if` holds.
 * Undefined for segments without `next` (they have a choice or end). Throws a RuleError
 * when no route holds (a valid story ends its routes with one that has no `if`).
 *
 * @example
 * resolveNext(story, { segmentId: 'lost', vars: {}, visits: { forest: 2 } }); // 'home'
 */
export function resolveNext(story: Story, position: Position): string | undefined {
  const next = segmentOf(story, position.segmentId).next;
  if (next === undefined || typeof next === 'string') return next;
  const route = next.find((r) => conditionHolds(r.if, position));
  if (!route) throw new RuleError('no-route', `no route of segment "${position.segmentId}" holds`);
  return route.to;
}
