import type { Variables, Visits } from '../story/Variables.js';
import type { HistoryEntry } from './StoryContext.js';

/**
 * A viewer's place in a story as plain JSON: save it, send it, and resume with
 * `createActor(machine, { input: { resume: snapshot } })`. A choice already locked is
 * folded in: the snapshot then sits at the start of the segment it leads to.
 *
 * @example
 * const saved: StorySnapshot = JSON.parse(JSON.stringify(snapshotOf(actor)));
 */
export interface StorySnapshot {
  version: 1;
  storyId: string;
  segmentId: string;
  vars: Variables;
  visits: Visits;
  history: HistoryEntry[];
  /** True when the choice window of `segmentId` is open: resuming reopens it at the choice's `at`. */
  atChoice: boolean;
}

/** A snapshot that does not fit the story (another story, an unknown segment, a history that does not replay). */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
}
