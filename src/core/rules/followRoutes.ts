import type { Story } from '../story/Story.js';
import { enterSegment } from './enterSegment.js';
import type { Position } from './Position.js';
import { resolveNext } from './resolveNext.js';
import { RuleError } from './RuleError.js';

/** Most `next` hops followed without a choice before a story counts as looping. */
export const MAX_ROUTE_STEPS = 1000;

/**
 * Follows `next` segments (resolving routes) until a segment with a choice or an end.
 * Routes may cycle back through visit counts, so the walk is bounded: more than
 * `maxSteps` hops throws a RuleError('route-loop').
 *
 * @example
 * followRoutes(story, here).segmentId; // the next segment that asks or ends
 */
export function followRoutes(story: Story, position: Position, maxSteps = MAX_ROUTE_STEPS): Position {
  let current = position;
  for (let steps = 0; ; steps++) {
    const to = resolveNext(story, current);
    if (to === undefined) return current;
    if (steps >= maxSteps) {
      throw new RuleError(
        'route-loop',
        `routes from "${position.segmentId}" loop for more than ${maxSteps} segments without a choice`,
      );
    }
    current = enterSegment(current, to);
  }
}
