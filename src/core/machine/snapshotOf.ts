import { applyOption } from '../rules/takeOption.js';
import type { StoryContext } from './StoryContext.js';
import type { StorySnapshot } from './StorySnapshot.js';

/** Anything with a story machine's snapshot: an actor, or the snapshot itself. */
export interface HasStoryContext {
  getSnapshot(): { context: StoryContext };
}

/**
 * The viewer's place as plain JSON (see StorySnapshot). A locked choice is folded in: the
 * snapshot then sits at the start of the segment the choice leads to.
 *
 * @example
 * localStorage.setItem('save', JSON.stringify(snapshotOf(actor)));
 */
export function snapshotOf(source: StoryContext | HasStoryContext): StorySnapshot {
  const context = 'getSnapshot' in source ? source.getSnapshot().context : source;
  let position = { segmentId: context.segmentId, vars: context.vars, visits: context.visits };
  let atChoice = context.choice !== null && context.locked === null;
  if (context.locked) {
    const optionId = context.locked.optionId;
    const option = context.story.segments[context.segmentId]?.choice?.options.find((o) => o.id === optionId);
    if (option) position = applyOption(position, option);
    atChoice = false;
  }
  // A JSON round trip: the snapshot shares nothing with the live context.
  return JSON.parse(
    JSON.stringify({ version: 1, storyId: context.story.id, ...position, history: context.history, atChoice }),
  ) as StorySnapshot;
}
