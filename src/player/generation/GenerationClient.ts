/**
 * Public interface of the generation client: the part of the player that owns lookahead
 * (what to ask the backend for, in what order, what to cancel, and the hold when a branch
 * is late). It never renders and never decides story: the player tells it where the viewer
 * is (`plan`) and what they chose (`commit`). See docs/decisions/0003-lookahead.md.
 */
import type { ChoiceStep, Handler, Story } from '../../core/index.js';
import type { Position } from '../../core/rules/index.js';
import type { RetryOptions } from './backoff.js';
import type { ApiRetryNotice } from './GenerationApi.js';
import type { GenerationErrorCode } from './GenerationError.js';
import type { LookaheadStats } from './LookaheadPolicy.js';

export interface GenerationClientOptions {
  /** Root of the generation API (the origin serving `/api/v1/...`), e.g. "https://gen.example.com". */
  baseUrl: string;
  /** A fixed bearer token; or pass `getToken`. */
  token?: string;
  /** Returns a bearer token; called for the first request and again, once, after a 401. */
  getToken?: () => string | Promise<string>;
  /** Defaults to the global fetch. Server-Sent Events are read from fetch too (no EventSource). */
  fetch?: typeof fetch;
  /** Choice levels to look ahead. Default 2. */
  depth?: number;
  /** Most jobs in flight at once (each holds one SSE connection). Default 4. */
  maxInFlight?: number;
  /** Seconds of a segment that make it "ready" (playable without an immediate hold). Default 2. */
  headSeconds?: number;
  /**
   * Send a target only once it is due within leadFactor × the measured request→head latency
   * (at least minLeadSeconds before it is due). Default 3; Infinity: as soon as a slot is free.
   */
  leadFactor?: number;
  /** Default 4. */
  minLeadSeconds?: number;
  /** Polling interval when SSE is unavailable, ms. Default 500. */
  pollMs?: number;
  /**
   * How long a job being watched survives an unreachable backend (its event stream cut,
   * every poll failing after its own retries), ms, before it counts as failed. Default 30000.
   */
  reconnectMs?: number;
  /** Each request's retries: exponential backoff with full jitter. Default 5 retries, 250 ms doubling, at most 10 s apart. */
  retry?: RetryOptions;
  /** Monotonic clock in ms (default `performance.now`); `plan`/`commit` take times on it. */
  now?: () => number;
  /** Jitter source (default Math.random). */
  random?: () => number;
}

export interface GenerationEvents {
  /** The head of `segmentId` is playable (fired once per segment). */
  ready: { segmentId: string; playlistUrl: string; readySeconds: number };
  /** A new progress snapshot (drive the hold's progress bar with it). */
  progress: { segmentId: string; progress: number; readySeconds: number };
  /** The request or render failed for good (after retries). */
  failed: { segmentId: string; code: GenerationErrorCode; message: string };
  /** A request to the backend failed and is retried after `delayMs` (the backend may be down). */
  retry: ApiRetryNotice;
  /** A request that had failed succeeded: the backend is reachable again. */
  recovered: { what: string; attempts: number };
}

export interface GenerationStatus {
  /** The head is playable (`readySeconds` ≥ headSeconds, or the whole segment). */
  ready: boolean;
  /** The whole segment is rendered. */
  done: boolean;
  readySeconds: number;
  /** 0..1 of frames rendered. */
  progress: number;
  /** Absolute URL of the master playlist; undefined until the backend named it. */
  playlistUrl: string | undefined;
  /** Where the client is with it. */
  state: 'idle' | 'queued' | 'in-flight' | 'done' | 'failed';
}

/** What `whenPlayable` resolves with. */
export interface Playable {
  segmentId: string;
  playlistUrl: string;
  readySeconds: number;
}

export interface GenerationClient {
  /**
   * The viewer started `position.segmentId` at `now` (ms on the client's clock): request
   * the generated segments reachable within `depth` levels, nearest deadline first.
   * `history` is the choices so far (what the backend replays). `held`: whether the viewer
   * was shown a hold before this segment (decides whether it counts as ready in time; when
   * omitted, the head's readiness is compared with the estimated due time).
   */
  plan(story: Story, position: Position, history: readonly ChoiceStep[], now?: number, held?: boolean): void;
  /**
   * The viewer made a choice (`history` now ends with it): cancel jobs no path reaches any
   * more and ask for the next level. Call as soon as the choice is locked.
   */
  commit(history: readonly ChoiceStep[], now?: number): void;
  status(segmentId: string): GenerationStatus;
  /**
   * Resolves once `seconds` of `segmentId` are playable (default: enough that playback
   * started now will not catch up with the render, estimated from the measured render
   * rate). Requests the segment at once when nothing has asked for it yet. Rejects with a
   * GenerationError when it fails or the client is destroyed.
   */
  whenPlayable(segmentId: string, seconds?: number): Promise<Playable>;
  stats(): LookaheadStats;
  on<K extends keyof GenerationEvents>(type: K, handler: Handler<GenerationEvents[K]>): () => void;
  off<K extends keyof GenerationEvents>(type: K, handler: Handler<GenerationEvents[K]>): void;
  /** Close every event stream, abort every fetch and timer, DELETE jobs still rendering. */
  destroy(): void;
}

export { createGenerationClient } from './createGenerationClient.js';
