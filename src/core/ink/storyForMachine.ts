import type { Story } from '../story/Story.js';
import { createInkStory } from './createInkStory.js';

/** ink-driven stories made for a story file, so every machine and replay of one file shares its unfolded segments. */
const driven = new WeakMap<Story, Map<string, Story>>();

/**
 * The Story that rules and machines should read: the file itself, or, when it comes with its
 * compiled ink, the ink-driven story (createInkStory) with the file's id and title. The same
 * pair gives the same object, so segments ink has made are made once. The backend's replay
 * check calls this with the ink it was given, then `replayHistory` as for any story.
 *
 * @example
 * replayHistory(storyForMachine(story, inkJson), request.history);
 */
export function storyForMachine(story: Story, inkJson?: string): Story {
  if (inkJson === undefined) return story;
  let byInk = driven.get(story);
  if (!byInk) driven.set(story, (byInk = new Map()));
  let ink = byInk.get(inkJson);
  if (!ink) {
    ink = createInkStory(inkJson, { id: story.id, title: story.title }).story;
    byInk.set(inkJson, ink);
  }
  return ink;
}
