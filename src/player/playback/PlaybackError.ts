import type { PlaybackErrorCode } from './PlaybackEngine.js';

/**
 * An engine failure with a code the player can act on (pick another path, tell the author).
 *
 * @example
 * throw new PlaybackError('playlist-invalid', 'https://x/a.m3u8: no EXT-X-MAP (fMP4 only)');
 */
export class PlaybackError extends Error {
  constructor(
    readonly code: PlaybackErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PlaybackError';
  }
}
