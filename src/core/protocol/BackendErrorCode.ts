/**
 * Every `error.code` the generation backend can put in a reply (`{ error: { code, message } }`)
 * or in a failed job, as one union, so the server cannot invent a code the player does not know
 * and the player can branch on them with the compiler's help. docs/generation-api.md says what
 * each one means and what to do about it.
 */
export type BackendErrorCode =
  // the request itself
  | 'bad-json'
  | 'bad-request'
  | 'bad-history'
  | 'bad-path'
  | 'body-incomplete'
  | 'body-too-large'
  | 'unsupported-media-type'
  | 'method-not-allowed'
  | 'not-found'
  // authentication
  | 'token-missing'
  | 'token-malformed'
  | 'token-signature'
  | 'token-expired'
  | 'token-lifetime'
  | 'token-not-yet-valid'
  | 'token-revoked'
  | 'token-wrong-story'
  // the story
  | 'unknown-story'
  | 'unknown-segment'
  | 'not-generated'
  | 'unreachable'
  | 'unknown-job'
  // limits and availability
  | 'rate-limited'
  | 'too-many-wants'
  | 'queue-unavailable'
  | 'store-unavailable'
  | 'internal'
  // a job that failed
  | JobFailureCode;

/** Why a render failed, in `GenerationJob.error.code`. */
export type JobFailureCode = 'render-failed' | 'store-full' | 'store-read-only';
