import type { Story } from '../story/Story.js';
import type { Visits } from '../story/Variables.js';
import type { Position } from './Position.js';

/**
 * Where every viewer starts: the start segment (visited once), variables at their declared
 * values, every other segment at zero visits so `visits.x` always reads a number.
 *
 * @example
 * initialPosition(story); // { segmentId: 'intro', vars: { brave: false }, visits: { intro: 1, ... } }
 */
export function initialPosition(story: Story): Position {
  const visits: Visits = {};
  for (const id of Object.keys(story.segments)) visits[id] = 0;
  visits[story.start] = 1;
  return { segmentId: story.start, vars: { ...story.state }, visits };
}
