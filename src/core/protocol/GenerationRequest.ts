import type { JobFailureCode } from './BackendErrorCode.js';

/**
 * The generation protocol, shared by the player's generation client and the backend.
 * HTTP details live in docs/generation-api.md.
 */

/** One choice the viewer made: at `segmentId` they took `optionId`. */
export interface ChoiceStep {
  segmentId: string;
  optionId: string;
}

/**
 * Ask the backend to render `segmentId`. The backend never trusts a claimed state:
 * it replays `history` from the story's start with the story machine's rules to
 * learn where the viewer is and what they chose, and refuses a segment that is
 * not a reachable continuation from there.
 */
export interface GenerationRequest {
  storyId: string;
  segmentId: string;
  history: ChoiceStep[];
  /** Seconds until the viewer could reach this segment; lower renders first. */
  deadline?: number;
}

/** Where a job is: waiting for a worker, rendering, or final (see isFinal). */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** What the backend says about a rendition, in the POST reply and in each progress event. */
export interface GenerationJob {
  jobId: string;
  /** Content hash of everything that shapes the rendition; the store path. */
  key: string;
  status: JobStatus;
  /** 0..1 of frames rendered. */
  progress: number;
  /** Seconds of media already playable from the start (the head renders first). */
  readySeconds: number;
  durationSeconds: number;
  /** Master playlist URL, relative to the API root. Playable once readySeconds > 0. */
  playlistUrl: string;
  error?: { code: JobFailureCode; message: string };
}
