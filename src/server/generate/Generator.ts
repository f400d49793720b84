import type { GenerateSpec, StateValue } from '../../core/index.js';

/**
 * The plug-in interface every generator implements: the built-in procedural one,
 * or a team's model server (text-to-video) behind the same protocol.
 * See docs/generators.md.
 */
export interface Generator {
  /** Stable id, e.g. "procedural". */
  readonly id: string;
  /** Bumped whenever output for the same inputs changes: part of every rendition key. */
  readonly version: string;
  /**
   * Render `job` into HLS inside `job.outDir`. Write each media segment to a temporary
   * name and rename it into place, then rewrite the playlists (also write-then-rename), so
   * a reader never sees half a file; call `onSegment` after each segment is in place so
   * the head can be played while the tail renders. Stop promptly when `signal` aborts.
   */
  render(job: RenderJob, hooks: RenderHooks, signal: AbortSignal): Promise<RenderResult>;
}

export interface RenderJob {
  /** Rendition key (content hash): also the folder name in the store. */
  key: string;
  /** The spec from the story file on the server, `{var}` placeholders already filled. */
  spec: GenerateSpec;
  /** The state variables that shape this segment (continuity), by name. */
  state: Record<string, StateValue>;
  durationSeconds: number;
  /** Folder to write into: master playlist `index.m3u8`, media playlist(s), init and media segments. */
  outDir: string;
  /** Media segment length; short so the first one is ready early. */
  segmentSeconds: number;
}

export interface RenderHooks {
  /** 0..1 of frames rendered. */
  onProgress(progress: number): void;
  /** `readySeconds` of media are now playable from the start. */
  onSegment(readySeconds: number): void;
  /**
   * Optional, given by the queue: await it after each published segment, before painting
   * more. It resolves at once, or later when the queue gave this worker to a more urgent
   * render meanwhile (head-first scheduling); keep the encoder open while waiting, so the
   * rendition stays one encode (same init segment, continuous timestamps). It also resolves
   * when the signal aborts. A generator that never calls it is simply not preempted.
   */
  yieldPoint?(readySeconds: number): Promise<void>;
}

export interface RenderResult {
  /** Path of the master playlist, relative to outDir. */
  playlist: string;
  frames: number;
  /** Wall-clock render+encode time. */
  elapsedMs: number;
  /** Which path rendered and encoded, e.g. "cpu-skia+libx264" or "gpu-webgl+h264_nvenc". */
  path: string;
}
