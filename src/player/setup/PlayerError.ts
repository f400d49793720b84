import type { PlayerErrorCode } from '../PlayerEvents.js';

/**
 * An error the player reports through its `error` event (and, while loading, by
 * rejecting `createPlayer`).
 *
 * @example
 * throw new PlayerError('story-invalid', 'night-walk.json:4:7 segments.intro: unknown segment "frest"');
 */
export class PlayerError extends Error {
  override readonly name = 'PlayerError';
  constructor(
    /** Which failure (see PlayerErrorCode). */
    readonly code: PlayerErrorCode,
    message: string,
  ) {
    super(message);
  }
}
