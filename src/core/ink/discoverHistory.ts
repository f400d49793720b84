import type { ChoiceStep } from '../protocol/GenerationRequest.js';
import { replayHistory } from '../rules/replayHistory.js';
import type { Story } from '../story/Story.js';

/**
 * Makes the segments of a saved history known before a snapshot is resumed. An ink-driven story
 * (createInkStory) makes segments as they are reached, so in a new session the ids a snapshot
 * names exist only once its history has been played again from the start; this plays it. For a
 * story file it changes nothing. A history that does not fit is left for `checkSnapshot` to refuse.
 *
 * @example
 * discoverHistory(story, saved.history);
 * createActor(machine, { input: { resume: saved } });
 */
export function discoverHistory(story: Story, history: readonly ChoiceStep[]): void {
  try {
    replayHistory(story, history);
  } catch {
    // checkSnapshot reports it, with the step, when the snapshot is resumed.
  }
}
