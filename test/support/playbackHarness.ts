// Helpers for the playback engine's browser tests: real <video>, real generated media.
import type {
  PlaybackEngine,
  PlaybackEvents,
  PlaybackStats,
  SegmentSource,
} from '../../src/player/playback/PlaybackEngine.js';

/** A clip made by scripts/make-test-media.ts, served by Vite from the repo root. */
export function clip(name: string, durationSeconds = 4, segmentId = name): SegmentSource {
  return { segmentId, url: `/test/media/${name}/index.m3u8`, durationSeconds };
}

/** A muted, in-DOM video element (hls.js and rVFC want it attached). */
export function createTestVideo(): HTMLVideoElement {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.width = 320;
  document.body.append(video);
  return video;
}

/** Every event the engine emitted, in order. */
export function recordEvents(engine: PlaybackEngine): Array<{ type: keyof PlaybackEvents; payload: unknown }> {
  const log: Array<{ type: keyof PlaybackEvents; payload: unknown }> = [];
  for (const type of ['segmentstart', 'waiting', 'stall', 'error', 'ended'] as const) {
    engine.on(type, (payload) => log.push({ type, payload }));
  }
  return log;
}

/** Resolves with the first event of `type` that matches, or rejects after `timeoutMs`. */
export function nextEvent<K extends keyof PlaybackEvents>(
  engine: PlaybackEngine,
  type: K,
  match: (payload: PlaybackEvents[K]) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<PlaybackEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no "${String(type)}" event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = engine.on(type, (payload) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/** One frame callback: media time (s), the compositor's presentedFrames, when it was shown (ms), picture height. */
export interface SeenFrame {
  mediaTime: number;
  presented: number;
  at: number;
  height: number;
}

/** Every presented frame, seen independently of the engine. */
export function recordFrames(video: HTMLVideoElement): {
  frames: SeenFrame[];
  stop(): void;
} {
  const frames: SeenFrame[] = [];
  let handle = 0;
  let stopped = false;
  const tick = (_now: number, meta: VideoFrameCallbackMetadata) => {
    frames.push({
      mediaTime: meta.mediaTime,
      presented: meta.presentedFrames,
      at: meta.expectedDisplayTime,
      height: meta.height,
    });
    if (!stopped) handle = video.requestVideoFrameCallback(tick);
  };
  handle = video.requestVideoFrameCallback(tick);
  return {
    frames,
    stop() {
      stopped = true;
      video.cancelVideoFrameCallback(handle);
    },
  };
}

/**
 * Rendition heights in the order they were presented, with the media time each started at.
 *
 * @example
 * renditionRuns(frames.frames); // [{ height: 240, from: 0 }, { height: 720, from: 1 }]
 */
export function renditionRuns(frames: Array<{ mediaTime: number; height: number }>): Array<{
  height: number;
  from: number;
}> {
  const runs: Array<{ height: number; from: number }> = [];
  for (const f of frames) if (runs.at(-1)?.height !== f.height) runs.push({ height: f.height, from: f.mediaTime });
  return runs;
}

/**
 * Loads `chain[0]` (or restarts it `offset` seconds in) and plays; queues each next segment as
 * one starts and ends the timeline once the last is queued: the story machine's order.
 *
 * @example
 * await startChain(engine, [clip('a', 3), clip('b', 3)]);
 * await nextEvent(engine, 'ended');
 */
export async function startChain(engine: PlaybackEngine, chain: SegmentSource[], offset = 0): Promise<void> {
  let queued = 1;
  engine.on('segmentstart', () => {
    if (queued < chain.length) engine.queueNext(chain[queued++]!);
    if (queued === chain.length) engine.end();
  });
  await (offset > 0 ? engine.restartAt(chain[0]!, offset) : engine.load(chain[0]!));
  await engine.play();
}

/** 30 fps test media: one frame, in ms. */
export const FRAME_MS = 1000 / 30;

/**
 * Frames whose content never reached the screen, beyond those the browser itself reports as
 * dropped for arriving late (CPU load on a shared 2-core machine, not a splice). Empty = seamless.
 */
export function unexplainedSkips(
  frames: Array<{ mediaTime: number; presented: number }>,
  droppedVideoFrames: number,
): string[] {
  const { missing, problems } = findSkips(frames);
  return missing <= droppedVideoFrames ? [] : problems;
}

/**
 * Frames whose content never reached the screen: between two rVFC callbacks, media time must
 * advance by exactly as many frames as the compositor presented. (A callback the busy main
 * thread missed shows as 2 frames of media and 2 presented: fine. A hole or a skip at a
 * splice shows as more media than presented frames; a repeat as zero media time.)
 */
export function findSkips(frames: Array<{ mediaTime: number; presented: number }>): {
  missing: number;
  problems: string[];
} {
  const problems: string[] = [];
  let missing = 0;
  for (let i = 1; i < frames.length; i++) {
    const a = frames[i - 1]!;
    const b = frames[i]!;
    const mediaFrames = Math.round(((b.mediaTime - a.mediaTime) * 1000) / FRAME_MS);
    const presented = b.presented - a.presented;
    if (mediaFrames === presented && mediaFrames > 0) continue;
    missing += Math.max(1, mediaFrames - presented);
    problems.push(`at ${a.mediaTime.toFixed(3)} s: ${mediaFrames} frame(s) of media, ${presented} presented`);
  }
  return { missing, problems };
}

/**
 * Frames skipped across splices (media advanced more than the frames presented), beyond what
 * the browser reports as dropped for lateness (CPU load). 0 = every splice was frame-exact.
 */
export function unexplainedBoundarySkips(stats: PlaybackStats): number {
  const skipped = stats.boundaries.reduce(
    (n, b) => n + Math.max(0, Math.round(b.mediaGapMs / FRAME_MS) - b.presentedDelta),
    0,
  );
  return Math.max(0, skipped - stats.droppedVideoFrames);
}

/**
 * Video frames the compositor presented between the first and last callback, plus those the
 * browser dropped for lateness: how much video played, whatever the machine's speed (a busy
 * main thread gets fewer callbacks, not fewer frames).
 *
 * @example
 * expect(framesPlayed(frames.frames, engine.stats().droppedVideoFrames)).toBeGreaterThan(200);
 */
export function framesPlayed(frames: Array<{ presented: number }>, droppedVideoFrames: number): number {
  if (frames.length === 0) return 0;
  return frames.at(-1)!.presented - frames[0]!.presented + 1 + droppedVideoFrames;
}

/**
 * Holes in what the element has buffered: more than one range means media is missing between
 * them (MSE's buffered is the intersection of audio and video). Empty = one continuous timeline.
 *
 * @example
 * expect(bufferedHoles(video)).toEqual([]);
 */
export function bufferedHoles(video: HTMLVideoElement): string[] {
  const holes: string[] = [];
  for (let i = 1; i < video.buffered.length; i++)
    holes.push(`${video.buffered.end(i - 1).toFixed(3)}–${video.buffered.start(i).toFixed(3)} s`);
  return holes;
}
