import { initialPosition } from '../rules/initialPosition.js';
import type { Story } from '../story/Story.js';
import { checkSnapshot } from './checkSnapshot.js';
import type { StoryContext } from './StoryContext.js';
import type { StorySnapshot } from './StorySnapshot.js';

/** What `createActor(machine, { input })` accepts. */
export interface StoryMachineInput {
  /** Start exactly where a snapshot left off instead of at the story's start. */
  resume?: StorySnapshot;
}

/**
 * The machine's first context: the story's start, or a checked snapshot (throws a
 * SnapshotError when it does not fit the story).
 *
 * @example
 * initialContext(story, { resume: saved }).segmentId;
 */
export function initialContext(story: Story, input: StoryMachineInput | undefined): StoryContext {
  const base = { story, choice: null, locked: null, pendingNext: null };
  if (!input?.resume) return { ...base, ...initialPosition(story), history: [], offset: 0 };
  const snapshot = checkSnapshot(story, input.resume);
  const at = snapshot.atChoice ? (story.segments[snapshot.segmentId]?.choice?.at ?? 0) : 0;
  return { ...base, segmentId: snapshot.segmentId, vars: snapshot.vars, visits: snapshot.visits, history: snapshot.history, offset: at };
}
