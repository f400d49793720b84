import type { StateValue } from '../../core/story/Story.js';

/**
 * Where `createPlayer` starts instead of the story's `start` (Storybook's previews, an
 * author jumping to a branch). The story machine starts there exactly as it would resume a
 * saved place: same checks, same path.
 *
 * @example
 * createPlayer(el, { story: '/night-walk.json', start: { segment: 'forest', variables: { lantern: true }, atChoice: true } });
 */
export interface PlayerStart {
  /** Id of the segment to start in. */
  segment: string;
  /** Values for some or all of the story's variables; the rest keep their declared values. */
  variables?: Record<string, StateValue>;
  /** Open the segment's choice at once (playback starts at the choice's `at`). Default false. */
  atChoice?: boolean;
}
