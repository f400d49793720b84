// Media made the way encoders and catalogs make it (issue 11), spliced between two contract
// clips (-bf 0 fMP4): x264 default B-frames in fMP4 (`bframes`, composition delay + edit list)
// and ffmpeg's default HLS (`bframes-ts`, MPEG-TS with B-frames and AAC). Measured from the
// media element: every presented frame (rVFC), `waiting`, and each SourceBuffer's own
// buffered ranges (audio and video apart: MSE's `video.buffered` is only their intersection).
import { afterEach, describe, expect, it } from 'vitest';
import { createPlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import type { PlaybackEngine, PlaybackEvents, SegmentSource } from '../../../src/player/playback/PlaybackEngine.js';
import {
  clip,
  createTestVideo,
  FRAME_MS,
  findSkips,
  framesPlayed,
  nextEvent,
  recordEvents,
  recordFrames,
  unexplainedSkips,
} from '../../support/playbackHarness.js';
import type { SeenFrame } from '../../support/playbackHarness.js';

let engine: PlaybackEngine | null = null;
const restore: Array<() => void> = [];
afterEach(() => {
  engine?.destroy();
  engine = null;
  for (const undo of restore.splice(0)) undo();
  document.body.replaceChildren();
});

/** Every SourceBuffer the page creates, with its MIME type (wraps addSourceBuffer for one test). */
function recordSourceBuffers(): Array<{ type: string; buffer: SourceBuffer }> {
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

function ranges(buffer: SourceBuffer): Array<[number, number]> {
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

async function playChain(chain: SegmentSource[]) {
  const buffers = recordSourceBuffers();
  const video = createTestVideo();
  engine = createPlaybackEngine(video);
  const eng = engine;
  const log = recordEvents(eng);
  const waiting: number[] = [];
  video.addEventListener('waiting', () => waiting.push(video.currentTime));
  const frames = recordFrames(video);
  let queued = 1;
  eng.on('segmentstart', () => {
    if (queued < chain.length) eng.queueNext(chain[queued++]!);
    if (queued === chain.length) eng.end();
  });
  await eng.load(chain[0]!);
  await eng.play();
  await nextEvent(eng, 'ended', () => true, 40_000).catch((error: unknown) => {
    const last = frames.frames.at(-1)?.mediaTime;
    const tracks = buffers.map((b) => `${b.type} ${JSON.stringify(ranges(b.buffer))}`).join('; ');
    throw new Error(`${String(error)}; last frame at ${last} s; buffered ${tracks}; events ${JSON.stringify(log)}`);
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
function expectSeamless(
  result: Awaited<ReturnType<typeof playChain>>,
  chain: SegmentSource[],
  label: string,
  trackEnds: 'exact' | 'contiguous' = 'exact',
  /** Frames a seam may lose (known packaging limits only, named where they are allowed). */
  lostPerSeam = 0,
) {
  const { video, buffers, frames, errors, starts, waiting } = result;
  const dropped = video.getVideoPlaybackQuality().droppedVideoFrames;
  const total = chain.reduce((t, s) => t + s.durationSeconds, 0);
  const seams: number[] = [];
  for (let i = 1, t = 0; i < chain.length; i++) seams.push((t += chain[i - 1]!.durationSeconds));
  const atSeams = seams.map((t) => around(frames, t));
  const tracks = buffers.map((b) => ({ type: b.type.split(';')[0], ranges: ranges(b.buffer) }));
  console.log(
    `[wild media] ${label}: seams ${JSON.stringify(atSeams)}, waiting ${waiting.length}, dropped ${dropped}, ` +
      `tracks ${JSON.stringify(tracks)}, errors ${JSON.stringify(errors)}, skips ${JSON.stringify(findSkips(frames))}`,
  );
  expect(errors).toEqual([]);
  expect(starts).toEqual(chain.map((s) => s.segmentId));
  expect(waiting, 'waiting events after the first frame').toEqual([]);
  // Every presented frame's media time advanced by exactly the frames presented: no skip or repeat.
  if (lostPerSeam === 0) expect(unexplainedSkips(frames, dropped)).toEqual([]);
  else expect(findSkips(frames).missing - dropped).toBeLessThanOrEqual(lostPerSeam * seams.length);
  // At each seam the first frame of the next segment sits where the timeline says (within a frame):
  // a composition delay left in would put it one or more frames late.
  // (On the frame grid: a frame the loaded browser dropped for lateness may be the one at the seam.)
  for (const [i, seam] of atSeams.entries()) {
    const frames = ((seam.after - seams[i]!) * 1000) / FRAME_MS;
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

describe('media as encoders make it splices like contract media', () => {
  it('x264 default B-frames in fMP4 (composition delay, edit list): no error, no waiting, seams within a frame', async () => {
    const chain = [clip('intro'), clip('bframes', 3), clip('lantern')];
    expectSeamless(await playChain(chain), chain, 'fMP4 B-frames');
  });

  it("ffmpeg's default HLS (MPEG-TS, B-frames, AAC): no error, no waiting, seams on the timeline, at most one frame lost", async () => {
    // All MPEG-TS: hls.js puts transmuxed TS in two SourceBuffers and muxed fMP4 in one, and
    // cannot switch between the two within one MediaSource (see the next test).
    const chain = [clip('bframes-ts', 3, 'ts-1'), clip('bframes-ts', 3, 'ts-2'), clip('bframes-ts', 3, 'ts-3')];
    // Transmuxed TS goes to separate audio and video SourceBuffers: each must be one range (no
    // hole at a seam). Where each starts is logged, not asserted: hls.js places the first video
    // frame ~64 ms after the audio (the source has 21 ms), which is open work (issue 11).
    // Known, open (issue 11): hls.js's TS remux drops the second picture after each
    // discontinuity (rVFC: "2 frame(s) of media, 1 presented" just after each seam); bounded
    // here so it cannot get worse unnoticed.
    expectSeamless(await playChain(chain), chain, 'MPEG-TS B-frames', 'contiguous', 1);
  });

  it('an MPEG-TS branch after fMP4 is refused with what to change (hls.js cannot switch SourceBuffer layout); the timeline plays on', async () => {
    const { video, errors } = await playBranchAfterIntro('bframes-ts');
    expect(errors).toEqual([
      expect.objectContaining({ code: 'media-incompatible', segmentId: 'bframes-ts', fatal: false }),
    ]);
    expect(errors[0]!.message).toMatch(/bframes-ts\/media\.m3u8: MPEG-TS segments cannot follow fMP4 ones/);
    expect(errors[0]!.message).toMatch(/package every segment of the story as fMP4/);
    expect(video.currentTime).toBeCloseTo(4, 1);
  });
});

describe('a variant whose sound is a separate EXT-X-MEDIA audio rendition is never played silently', () => {
  it('as a branch: a non-fatal media-incompatible naming the master, the audio rendition and the fix', async () => {
    const { errors } = await playBranchAfterIntro('alt-audio');
    expect(errors).toEqual([
      expect.objectContaining({ code: 'media-incompatible', segmentId: 'alt-audio', fatal: false }),
    ]);
    const message = errors[0]!.message;
    expect(message).toMatch(/alt-audio\/index\.m3u8: the variant video\/media\.m3u8 takes its sound from a separate/);
    expect(message).toMatch(/GROUP-ID="aud".*alt-audio\/audio\/media\.m3u8/);
    expect(message).toMatch(/mux the audio into the variant/);
  });

  it('as the first segment: load() rejects with the same coded error (nothing else to play)', async () => {
    const video = createTestVideo();
    engine = createPlaybackEngine(video);
    const errors: Array<PlaybackEvents['error']> = [];
    engine.on('error', (e) => errors.push(e));
    await expect(engine.load(clip('alt-audio', 3))).rejects.toThrow(/alt-audio/);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'media-incompatible', segmentId: 'alt-audio', fatal: true }),
    ]);
  });
});

/** Plays `intro`, then `name` as a 3 s branch, to the end; the engine's errors on the way. */
async function playBranchAfterIntro(
  name: string,
): Promise<{ video: HTMLVideoElement; errors: Array<PlaybackEvents['error']> }> {
  const video = createTestVideo();
  engine = createPlaybackEngine(video);
  const errors: Array<PlaybackEvents['error']> = [];
  engine.on('error', (e) => errors.push(e));
  await engine.load(clip('intro'));
  await engine.play();
  engine.queueNext(clip(name, 3));
  engine.end();
  await nextEvent(engine, 'ended', () => true, 30_000);
  return { video, errors };
}
