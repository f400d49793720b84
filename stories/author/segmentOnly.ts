import type { Story } from '../../src/core/story/Story.js';

/**
 * The story cut down to one segment that ends the story: its choice and links removed, so
 * playing it plays just that segment and stops at its end.
 *
 * @example
 * segmentOnly(story, 'forest').segments; // { forest: { media, duration, end: true, captions } }
 */
export function segmentOnly(story: Story, segmentId: string): Story {
  const segment = story.segments[segmentId];
  if (!segment) throw new Error(`segmentOnly: "${segmentId}" is not a segment of story "${story.id}"`);
  const { choice: _choice, next: _next, ...rest } = segment;
  return { ...story, start: segmentId, segments: { [segmentId]: { ...rest, end: true } } };
}
