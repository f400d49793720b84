import type { VisibleOption } from './StoryContext.js';

/**
 * What the story machine emits (`actor.on(type, handler)`), event name → payload.
 *
 * @example
 * actor.on('choicestart', (e) => showChoices(e.options, e.deadline));
 */
export interface StoryEmittedMap {
  /** A segment starts playing, `offset` seconds in (0, or the choice point after BACK or a resume). */
  segmentstart: { segmentId: string; offset: number; pendingNext: string | null };
  /** The choice window opens. `deadline` is seconds from the segment's start (the choice's `until`). */
  choicestart: {
    segmentId: string;
    prompt: string;
    options: VisibleOption[];
    deadline: number;
    defaultOptionId: string;
  };
  /** A choice is locked: by the viewer (`byDefault` false) or the timer. `next` plays after this segment. */
  choice: { segmentId: string; optionId: string; byDefault: boolean; next: string };
  /** A request was refused: CHOOSE outside the window or for a hidden option, BACK with no history. */
  rejected: { request: 'CHOOSE' | 'BACK'; reason: 'no-window' | 'hidden-option' | 'no-history'; optionId?: string };
  /** The current segment is over (its duration passed or the player sent SEGMENT_END). */
  segmentend: { segmentId: string; next: string | null };
  /** An `end` segment finished: the machine is done. */
  ended: { segmentId: string };
  /** The `resume` snapshot did not fit the story (see `context.error`): the machine is done. */
  failed: { message: string };
}

/** The emitted events as xstate sees them: `{ type, ...payload }`. */
export type StoryEmitted = { [K in keyof StoryEmittedMap]: { type: K } & StoryEmittedMap[K] }[keyof StoryEmittedMap];

/** What the player sends the story machine. */
export type StoryMachineEvent =
  | { type: 'CHOOSE'; optionId: string }
  /** The media of the segment ended before its nominal duration. With `segmentId`, a stale end (of another segment) is ignored. */
  | { type: 'SEGMENT_END'; segmentId?: string }
  | { type: 'BACK' };
