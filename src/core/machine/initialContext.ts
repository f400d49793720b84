import { initialPosition } from '../rules/initialPosition.js';
import type { Story } from '../story/Story.js';
import { checkSnapshot } from './checkSnapshot.js';
import type { StoryContext } from './StoryContext.js';
import { SnapshotError } from './StorySnapshot.js';
import type { StorySnapshot } from './StorySnapshot.js';

/** What `createActor(machine, { input })` accepts. */
export interface StoryMachineInput {
  /** Start exactly where a snapshot left off instead of at the story's start. */
  resume?: StorySnapshot;
}

/**
 * The machine's first context: the story's start, or a checked snapshot. A snapshot that
 * does not fit the story leaves its SnapshotError in `error` (never a throw: xstate would
 * rethrow it from a timer and crash an embedder that has no error observer).
 *
 * @example
 * initialContext(story, { resume: saved }).segmentId;
 */
export function initialContext(story: Story, input: StoryMachineInput | undefined): StoryContext {
  const base = { story, choice: null, locked: null, pendingNext: null, error: null };
  const fresh = { ...base, ...initialPosition(story), history: [], offset: 0 };
  if (!input?.resume) return fresh;
  let snapshot: StorySnapshot;
  try {
    snapshot = checkSnapshot(story, input.resume);
  } catch (error) {
    return { ...fresh, error: error instanceof Error ? error : new SnapshotError(String(error)) };
  }
  const at = snapshot.atChoice ? (story.segments[snapshot.segmentId]?.choice?.at ?? 0) : 0;
  return {
    ...base,
    segmentId: snapshot.segmentId,
    vars: snapshot.vars,
    visits: snapshot.visits,
    history: snapshot.history,
    offset: at,
  };
}
