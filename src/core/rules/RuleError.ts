/** Why a story rule refused: stable codes for callers (the backend maps them to HTTP replies). */
export type RuleErrorCode =
  | 'unknown-segment'
  | 'unknown-option'
  | 'no-choice'
  | 'option-hidden'
  | 'no-route'
  | 'route-loop'
  | 'history-mismatch'
  | 'story-ended';

/**
 * A story rule was asked for something the story does not allow. The message names the
 * segment, option and (for replays) the history step at fault.
 *
 * @example
 * try { takeOption(story, here, 'fly'); } catch (e) { if (e instanceof RuleError) console.error(e.code); }
 */
export class RuleError extends Error {
  override readonly name = 'RuleError';

  constructor(
    readonly code: RuleErrorCode,
    message: string,
    /** Index of the history step at fault, when replaying. */
    readonly step?: number,
  ) {
    super(message);
  }
}
