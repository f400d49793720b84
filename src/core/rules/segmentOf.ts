import type { Segment, Story } from '../story/Story.js';
import { RuleError } from './RuleError.js';

/**
 * The segment `segmentId` of `story`, or a RuleError naming it.
 *
 * @example
 * const intro = segmentOf(story, 'intro');
 */
export function segmentOf(story: Story, segmentId: string): Segment {
  const segment = Object.hasOwn(story.segments, segmentId) ? story.segments[segmentId] : undefined;
  if (!segment) throw new RuleError('unknown-segment', `segment "${segmentId}" is not in story "${story.id}"`);
  return segment;
}
