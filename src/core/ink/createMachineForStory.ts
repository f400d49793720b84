import { createStoryMachine } from '../machine/createStoryMachine.js';
import type { StoryMachine, StoryMachineOptions } from '../machine/createStoryMachine.js';
import type { Story } from '../story/Story.js';
import { storyForMachine } from './storyForMachine.js';

/**
 * The story machine for a story, driven by ink when it names an ink source: with `inkJson`
 * (the compiled ink the story's `ink` field names), inkjs decides segments, choices and
 * variables (see createInkStory); without, it is createStoryMachine. One call for the player,
 * Storybook and tests, so an ink story needs no other change where a machine is made.
 *
 * @example
 * const machine = createMachineForStory(story, story.ink ? await fetchText(story.ink) : undefined);
 */
export function createMachineForStory(story: Story, inkJson?: string, options?: StoryMachineOptions): StoryMachine {
  return createStoryMachine(storyForMachine(story, inkJson), options);
}
