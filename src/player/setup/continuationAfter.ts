import { defaultOption } from '../../core/rules/defaultOption.js';
import type { Position } from '../../core/rules/Position.js';
import { resolveNext } from '../../core/rules/resolveNext.js';
import type { Story } from '../../core/story/Story.js';

/**
 * Where the story goes when the segment at `position` cannot be played: the segment its
 * default option leads to, or its `next`; null for an ending. This is what the story
 * machine does when told the segment ended at once (SEGMENT_END), so the engine can
 * splice it before the machine gets there.
 *
 * @example
 * continuationAfter(story, { segmentId: 'lantern', vars, visits }); // 'forest'
 */
export function continuationAfter(story: Story, position: Position): string | null {
  const segment = story.segments[position.segmentId];
  if (!segment || segment.end) return null;
  try {
    if (segment.choice) return defaultOption(story, position).next;
    return resolveNext(story, position) ?? null;
  } catch {
    return null;
  }
}
