// The generation protocol shared by the player's generation client and the backend.
export type * from './GenerationRequest.js';
export type { BackendErrorCode, JobFailureCode } from './BackendErrorCode.js';
export { isFinal, FINAL_JOB_STATUSES } from './isFinal.js';
