// Plays a chain of segments through the real engine to its end and checks it spliced like
// contract media, measured from the media element: every presented frame (rVFC), `waiting`,
// and each SourceBuffer's own buffered ranges (audio and video apart: MSE's `video.buffered`
// is only their intersection). Used by the wild-media, encrypted-media and alternate-audio browser tests.
import { expect } from 'vitest';
import { createPlaybackEngine } from '../../src/player/playback/PlaybackEngine.js';
import type {
  PlaybackEngine,
  PlaybackEngineOptions,
  PlaybackEvents,
  SegmentSource,
} from '../../src/player/playback/PlaybackEngine.js';
import {
  createTestVideo,
  FRAME_MS,
  findSkips,
  framesPlayed,
  nextEvent,
  recordEvents,
  recordFrames,
  startChain,
  unexplainedSkips,
} from './playbackHarness.js';
import type { SeenFrame } from './playbackHarness.js';

/** The engine the current test made (destroyed after each test). */
export let engine: PlaybackEngine | null = null;
const restore: Array<() => void> = [];
/** Run `undo` when the test ends (in `cleanUp`, before the engine goes): a listener, an observer. */
export function onCleanUp(undo: () => void): void {
  restore.push(undo);
}

/** Destroy the test's engine, undo its wrappers, empty the page: call it in `afterEach`. */
export function cleanUp(): void {
  engine?.destroy();
  engine = null;
  for (const undo of restore.splice(0)) undo();
  document.body.replaceChildren();
}

/** Every SourceBuffer the page creates, with its MIME type (wraps addSourceBuffer for one test). */
export function recordSourceBuffers(): Array<{ type: string; buffer: SourceBuffer }> {
  const made: Array<{ type: string; buffer: SourceBuffer }> = [];
  const original = MediaSource.prototype.addSourceBuffer;
  MediaSource.prototype.addSourceBuffer = function (this: MediaSource, type: string) {
    const buffer = original.call(this, type);
    made.push({ type, buffer });
    return buffer;
  };
  restore.push(() => (MediaSource.prototype.addSourceBuffer = original));
  return made;
}

export function ranges(buffer: SourceBuffer): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  try {
    for (let i = 0; i < buffer.buffered.length; i++) out.push([buffer.buffered.start(i), buffer.buffered.end(i)]);
  } catch {
    return [[Number.NaN, Number.NaN]]; // removed from its MediaSource: hls.js tore the buffers down
  }
  return out;
}

/** The last frame before `time` and the first at it (within half a frame): their media times. */
function around(frames: SeenFrame[], time: number): { before: number; after: number } {
  const i = frames.findIndex((f) => f.mediaTime >= time - FRAME_MS / 2000);
  return { before: frames[i - 1]?.mediaTime ?? Number.NaN, after: frames[i]?.mediaTime ?? Number.NaN };
}

/** What a test adds to `playChain`'s run: listeners before it loads, actions once it plays. */
export interface ChainHooks {
  /** Called with the new engine and element before the first segment loads. */
  setUp?(engine: PlaybackEngine, video: HTMLVideoElement): void;
  /** Called once playback has started. */
  playing?(engine: PlaybackEngine, video: HTMLVideoElement): void;
}

/** Plays `chain` (queued one by one as each segment starts) to `ended`; what the page saw. */
export async function playChain(chain: SegmentSource[], options: PlaybackEngineOptions = {}, hooks: ChainHooks = {}) {
  const buffers = recordSourceBuffers();
  const video = createTestVideo();
  engine = createPlaybackEngine(video, options);
  const eng = engine;
  const log = recordEvents(eng);
  const waiting: number[] = [];
  video.addEventListener('waiting', () => waiting.push(video.currentTime));
  const frames = recordFrames(video);
  hooks.setUp?.(eng, video);
  await startChain(eng, chain);
  hooks.playing?.(eng, video);
  await nextEvent(eng, 'ended', () => true, 40_000).catch((error: unknown) => {
    const last = frames.frames.at(-1)?.mediaTime;
    const tracks = buffers.map((b) => `${b.type} ${JSON.stringify(ranges(b.buffer))}`).join('; ');
    throw new Error(
      `${String(error)}; last frame at ${last} s, at ${video.currentTime} s, paused ${video.paused}, ` +
        `readyState ${video.readyState}; buffered ${tracks}; events ${JSON.stringify(log)}`,
    );
  });
  frames.stop();
  const errors = log.filter((e) => e.type === 'error').map((e) => e.payload as PlaybackEvents['error']);
  const starts = log
    .filter((e) => e.type === 'segmentstart')
    .map((e) => (e.payload as { segmentId: string }).segmentId);
  // `waiting` before the first frame is the start, not a stall.
  const firstFrameAt = frames.frames[0]?.mediaTime ?? 0;
  return { video, buffers, frames: frames.frames, errors, starts, waiting: waiting.filter((t) => t > firstFrameAt) };
}

/** Asserts a chain of contract + wild clips splices like contract media, and returns what it measured. */
export function expectSeamless(
  result: Awaited<ReturnType<typeof playChain>>,
  chain: SegmentSource[],
  label: string,
  trackEnds: 'exact' | 'contiguous' = 'exact',
  /**
   * Where the timeline's first picture is presented, seconds: 0 for fMP4; MPEG-TS is presented
   * its B-frame delay late (hls.js anchors the stream at its first decode time), every seam too.
   */
  presentationOffset = 0,
) {
  const { video, buffers, frames, errors, starts, waiting } = result;
  const dropped = video.getVideoPlaybackQuality().droppedVideoFrames;
  const total = chain.reduce((t, s) => t + s.durationSeconds, 0);
  const seams: number[] = [];
  for (let i = 1, t = 0; i < chain.length; i++) seams.push((t += chain[i - 1]!.durationSeconds));
  const atSeams = seams.map((t) => around(frames, t + presentationOffset));
  const tracks = buffers.map((b) => ({ type: b.type.split(';')[0], ranges: ranges(b.buffer) }));
  console.log(
    `[wild media] ${label}: seams ${JSON.stringify(atSeams)}, waiting ${waiting.length}, dropped ${dropped}, ` +
      `tracks ${JSON.stringify(tracks)}, errors ${JSON.stringify(errors)}, skips ${JSON.stringify(findSkips(frames))}`,
  );
  expect(errors).toEqual([]);
  expect(starts).toEqual(chain.map((s) => s.segmentId));
  expect(waiting, 'waiting events after the first frame').toEqual([]);
  // Every presented frame's media time advanced by exactly the frames presented: no skip or repeat.
  expect(unexplainedSkips(frames, dropped)).toEqual([]);
  expect(frames[0]!.mediaTime - presentationOffset, 'first picture').toBeCloseTo(0, 2);
  // At each seam the first frame of the next segment sits where the timeline says (within a frame):
  // a composition delay left in would put it one or more frames late.
  // (On the frame grid: a frame the loaded browser dropped for lateness may be the one at the seam.)
  for (const [i, seam] of atSeams.entries()) {
    const frames = ((seam.after - seams[i]! - presentationOffset) * 1000) / FRAME_MS;
    expect(Math.abs(frames - Math.round(frames)) * FRAME_MS, `frame at seam ${seams[i]} s`).toBeLessThan(FRAME_MS / 2);
    expect(Math.round(frames), `frames dropped at seam ${seams[i]} s`).toBeLessThanOrEqual(dropped);
  }
  // Audio and video each buffered as one range from 0 to the end (within one video frame):
  // no hole at a seam in either track, so neither runs ahead of the other there. (hls.js puts
  // muxed fMP4 in one SourceBuffer, whose ranges are where both tracks have media.)
  expect(tracks.length).toBeGreaterThan(0);
  for (const track of tracks) {
    expect(track.ranges, `${track.type} buffered`).toHaveLength(1);
    if (trackEnds === 'contiguous') continue;
    expect(track.ranges[0]![0] * 1000, `${track.type} start`).toBeLessThan(FRAME_MS);
    expect(Math.abs(track.ranges[0]![1] - total) * 1000, `${track.type} end`).toBeLessThan(FRAME_MS);
  }
  // Ends at the longer track's end: TS audio runs up to 0.15 s past the video (logged above).
  expect(video.currentTime).toBeGreaterThan(total - FRAME_MS / 1000);
  expect(video.currentTime).toBeLessThan(total + (trackEnds === 'exact' ? 0.05 : 0.15));
  expect(framesPlayed(frames, dropped)).toBeGreaterThan(total * 30 - 10);
}

/** Make the engine for a test that plays outside `playChain` (destroyed after it). */
export function useEngine(video: HTMLVideoElement, options: PlaybackEngineOptions = {}): PlaybackEngine {
  engine = createPlaybackEngine(video, options);
  return engine;
}
