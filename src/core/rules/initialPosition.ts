import type { Story } from '../story/Story.js';
import type { Position } from './Position.js';

/**
 * Where every viewer starts: the start segment (visited once) and variables at their
 * declared values. Segments never entered have no entry in `visits` (expressions read them
 * as 0), which keeps positions small on big stories.
 *
 * @example
 * initialPosition(story); // { segmentId: 'intro', vars: { brave: false }, visits: { intro: 1 } }
 */
export function initialPosition(story: Story): Position {
  return { segmentId: story.start, vars: { ...story.state }, visits: { [story.start]: 1 } };
}
