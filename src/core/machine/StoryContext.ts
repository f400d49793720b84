import type { Story } from '../story/Story.js';
import type { Variables, Visits } from '../story/Variables.js';

/** One choice the viewer made, with the state as it was at that choice point (what BACK restores). */
export interface HistoryEntry {
  /** The segment whose choice it was. */
  segmentId: string;
  /** The option taken. */
  optionId: string;
  /** True when the timer took it. */
  byDefault: boolean;
  /** The variables as they were at the choice point. */
  vars: Variables;
  /** The visit counts as they were at the choice point. */
  visits: Visits;
}

/** An option as the viewer sees it. */
export interface VisibleOption {
  id: string;
  label: string;
}

/** The choice window while it is open. */
export interface OpenChoice {
  segmentId: string;
  prompt: string;
  /** The visible options (may be empty: then the default is taken when time runs out). */
  options: VisibleOption[];
  /** Seconds from the segment's start when the window opened. */
  at: number;
  /** Seconds from the segment's start when the default is taken (the choice's `until`). */
  deadline: number;
  /** What the timer will take (see defaultOption). */
  defaultOptionId: string;
}

/** The choice made in the current segment, before the machine moves on at the segment's end. */
export interface LockedChoice {
  optionId: string;
  byDefault: boolean;
}

/** Everything the story machine knows: the source of story truth for the player. */
export interface StoryContext {
  story: Story;
  segmentId: string;
  vars: Variables;
  visits: Visits;
  /** Choices made so far, oldest first (including a locked choice in the current segment). */
  history: HistoryEntry[];
  /** Seconds into the current segment when it was entered: 0, or the choice's `at` after BACK or a resume at a choice. */
  offset: number;
  /** The open choice window, or null. */
  choice: OpenChoice | null;
  /** The choice locked in the current segment, or null. */
  locked: LockedChoice | null;
  /** The segment that plays after this one, once known (at entry for `next`, at lock for a choice). */
  pendingNext: string | null;
  /** Why a `resume` snapshot was refused (the machine is then in its final `failed` state), else null. */
  error: Error | null;
}
