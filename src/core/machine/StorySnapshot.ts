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
  /** Snapshot format version: always 1. */
  version: 1;
  /** The story's `id`: a snapshot never resumes another story. */
  storyId: string;
  /** The segment the viewer is in. */
  segmentId: string;
  /** The story's variables. */
  vars: Variables;
  /** Times each segment was entered (`visits.<id>` in expressions). */
  visits: Visits;
  /** The choices made so far, oldest first (what `back` steps through). */
  history: HistoryEntry[];
  /** True when the choice window of `segmentId` is open: resuming reopens it at the choice's `at`. */
  atChoice: boolean;
  /**
   * The viewer's player preferences, saved with their place by a player that keeps them
   * (absent until the viewer changed one). The story machine ignores them.
   */
  preferences?: SnapshotPreferences;
}

/**
 * Player preferences kept with a snapshot.
 *
 * @example
 * { subtitles: { mode: 'on', lang: 'fr', name: 'Français' } }
 */
export interface SnapshotPreferences {
  /** Subtitles: off, or on in this language (and rendition NAME), or left to the player ('auto'). */
  subtitles?: { mode: 'auto' | 'on' | 'off'; lang?: string; name?: string };
}

/** A snapshot that does not fit the story (another story, an unknown segment, a history that does not replay). */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
}
