import { checkSnapshot } from '../../core/machine/checkSnapshot.js';
import type { StorySnapshot } from '../../core/machine/StorySnapshot.js';
import type { Story } from '../../core/story/Story.js';
import { PlayerError } from './PlayerError.js';
import type { PlayerStart } from './PlayerStart.js';

/**
 * The `start` option as the snapshot the story machine resumes from (no history, the start
 * segment visited once). Checked with the machine's own `checkSnapshot`, so an unknown
 * segment or variable, or a value of the wrong type, is a `story-invalid` PlayerError that
 * names it, never a silent start from the beginning.
 *
 * @example
 * const snapshot = startSnapshot(story, { segment: 'forest', variables: { lantern: true } });
 */
export function startSnapshot(story: Story, start: PlayerStart): StorySnapshot {
  const where = `createPlayer option start`;
  if (typeof start !== 'object' || start === null)
    throw new PlayerError('story-invalid', `${where} must be { segment, variables?, atChoice? }`);
  const { segment, variables = {}, atChoice = false } = start;
  if (typeof segment !== 'string' || !Object.hasOwn(story.segments, segment)) {
    const known = Object.keys(story.segments).slice(0, 8).join(', ');
    throw new PlayerError(
      'story-invalid',
      `${where}.segment ${JSON.stringify(segment)} is not a segment of story "${story.id}" (segments: ${known}${Object.keys(story.segments).length > 8 ? ', …' : ''})`,
    );
  }
  if (atChoice && !story.segments[segment]?.choice) {
    throw new PlayerError('story-invalid', `${where}.atChoice is true, but segment "${segment}" has no choice`);
  }
  for (const name of Object.keys(variables)) {
    if (!Object.hasOwn(story.state, name)) {
      const known = Object.keys(story.state).join(', ') || 'none';
      throw new PlayerError(
        'story-invalid',
        `${where}.variables.${name} is not a variable of story "${story.id}" (variables: ${known})`,
      );
    }
  }
  try {
    return checkSnapshot(story, {
      version: 1,
      storyId: story.id,
      segmentId: segment,
      vars: { ...story.state, ...variables },
      visits: { [segment]: 1 },
      history: [],
      atChoice,
    });
  } catch (error) {
    // checkSnapshot names the variable and the type it wanted; say where it came from.
    throw new PlayerError('story-invalid', `${where}: ${(error as Error).message.replace(/^snapshot /, '')}`);
  }
}
