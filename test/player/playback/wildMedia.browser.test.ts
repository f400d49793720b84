// Media made the way encoders and catalogs make it (issue 11), spliced between two contract
// clips (-bf 0 fMP4): x264 default B-frames in fMP4 (`bframes`, composition delay + edit list),
// ffmpeg's default HLS (`bframes-ts`, MPEG-TS with B-frames and AAC) and a video-only variant
// with a separate audio rendition (`alt-audio`). Measured from the
// media element: every presented frame (rVFC), `waiting`, and each SourceBuffer's own
// buffered ranges (audio and video apart: MSE's `video.buffered` is only their intersection).
import { afterEach, describe, expect, it } from 'vitest';
import type { PlaybackEvents } from '../../../src/player/playback/PlaybackEngine.js';
import { clip, createTestVideo, nextEvent } from '../../support/playbackHarness.js';
import { cleanUp, expectSeamless, playChain, useEngine } from '../../support/seamlessChain.js';

afterEach(cleanUp);

/** x264's default B-frame reorder delay at 30 fps: two frames. */
const TS_BFRAME_DELAY = 2 / 30;

describe('media as encoders make it splices like contract media', () => {
  it('x264 default B-frames in fMP4 (composition delay, edit list): no error, no waiting, seams within a frame', async () => {
    const chain = [clip('intro'), clip('bframes', 3), clip('lantern')];
    expectSeamless(await playChain(chain), chain, 'fMP4 B-frames');
  });

  it("ffmpeg's default HLS (MPEG-TS, B-frames, AAC): no error, no waiting, no frame lost, seams within a frame", async () => {
    // All MPEG-TS: hls.js puts transmuxed TS in two SourceBuffers and muxed fMP4 in one, and
    // cannot switch between the two within one MediaSource (see the next test).
    const chain = [clip('bframes-ts', 3, 'ts-1'), clip('bframes-ts', 3, 'ts-2'), clip('bframes-ts', 3, 'ts-3')];
    // Transmuxed TS goes to separate audio and video SourceBuffers: each must be one range (no
    // hole at a seam). The engine makes the segments one continuous stream (TsTimeline, ADR
    // 0010), which hls.js anchors at its first decode time: every picture, the first and each
    // seam's, is presented x264's B-frame delay (two frames) after where the timeline lists it.
    expectSeamless(await playChain(chain), chain, 'MPEG-TS B-frames', 'contiguous', TS_BFRAME_DELAY);
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

describe('a video-only variant whose sound is a separate EXT-X-MEDIA audio rendition plays with it (ADR 0012)', () => {
  it('between contract clips: the rendition muxed in at box level, no error, no waiting, seams within a frame, each track one range', async () => {
    // Sync against decoded audio and the language choice: altAudio.browser.test.ts.
    const chain = [clip('intro'), clip('alt-audio', 3), clip('lantern')];
    expectSeamless(await playChain(chain), chain, 'alternate audio');
  });
});

/** Plays `intro`, then `name` as a 3 s branch, to the end; the engine's errors on the way. */
async function playBranchAfterIntro(
  name: string,
): Promise<{ video: HTMLVideoElement; errors: Array<PlaybackEvents['error']> }> {
  const video = createTestVideo();
  const engine = useEngine(video);
  const errors: Array<PlaybackEvents['error']> = [];
  engine.on('error', (e) => errors.push(e));
  await engine.load(clip('intro'));
  await engine.play();
  engine.queueNext(clip(name, 3));
  engine.end();
  await nextEvent(engine, 'ended', () => true, 30_000);
  return { video, errors };
}
