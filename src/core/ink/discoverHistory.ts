import type { ChoiceStep } from '../protocol/GenerationRequest.js';
import { candidateSegments } from '../rules/candidateSegments.js';
import { replayHistory } from '../rules/replayHistory.js';
import type { Story } from '../story/Story.js';

/**
 * Makes the segments of a saved history known before a snapshot is resumed. An ink-driven story
 * (createInkStory) makes segments as they are reached, so in a new session the ids a snapshot
 * names exist only once its history has been played again from the start; this plays it, and
 * with `lookahead`, makes the segments that many levels ahead known too (what a generation
 * request may ask for). For a story file it changes nothing. A history that does not fit is left
 * for `checkSnapshot` or the backend's replay check to refuse.
 *
 * @example
 * discoverHistory(story, saved.history);
 * createActor(machine, { input: { resume: saved } });
 */
export function discoverHistory(story: Story, history: readonly ChoiceStep[], lookahead = 0): void {
  try {
    const here = replayHistory(story, history);
    if (lookahead > 0) candidateSegments(story, here, lookahead);
  } catch {
    // checkSnapshot reports it, with the step, when the snapshot is resumed.
  }
}
