// Authored media (H.264 + AAC) and a generated branch (the real procedural generator's output:
// H.264 + AAC ambience, test/media/generated, made by scripts/make-test-media.ts) spliced on one
// MediaSource timeline. A video-only generated branch broke this ("Attempting to append to the
// video SourceBuffer, but it does not exist"); every generated rendition now carries audio.
import { afterEach, describe, expect, it } from 'vitest';
import { createPlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import type { PlaybackEngine, SegmentSource } from '../../../src/player/playback/PlaybackEngine.js';
import {
  clip,
  createTestVideo,
  FRAME_MS,
  nextEvent,
  recordEvents,
  recordFrames,
  framesPlayed,
  unexplainedBoundarySkips,
} from '../../support/playbackHarness.js';

let engine: PlaybackEngine | null = null;
afterEach(() => {
  engine?.destroy();
  engine = null;
  document.body.replaceChildren();
});

/** Chromium's count of decoded audio bytes: grows only while an audio track is being decoded. */
const audioBytes = (video: HTMLVideoElement) =>
  (video as HTMLVideoElement & { webkitAudioDecodedByteCount?: number }).webkitAudioDecodedByteCount ?? 0;

describe('authored and generated media with audio on one timeline', () => {
  it('plays authored intro → generated branch → authored clip with no error, no waiting and frame-exact boundaries', async () => {
    const master = await (await fetch('/test/media/generated/index.m3u8')).text();
    expect(master, 'run `npm run media`: the generated clip is missing or has no audio').toContain(
      'CODECS="avc1.64001e,mp4a.40.2"',
    );
    const chain: SegmentSource[] = [clip('intro'), clip('generated', 2), clip('lantern')];
    const video = createTestVideo();
    engine = createPlaybackEngine(video);
    const eng = engine;
    const log = recordEvents(eng);
    const frames = recordFrames(video);
    const audioAt: Record<string, number> = {};
    let queued = 1;
    eng.on('segmentstart', ({ segmentId }) => {
      audioAt[segmentId] = audioBytes(video);
      if (queued < chain.length) eng.queueNext(chain[queued++]!);
      if (queued === chain.length) eng.end();
    });
    await eng.load(chain[0]!);
    await eng.play();
    await nextEvent(eng, 'ended', () => true, 30_000);
    frames.stop();

    const starts = log
      .filter((e) => e.type === 'segmentstart')
      .map((e) => (e.payload as { segmentId: string }).segmentId);
    expect(starts).toEqual(['intro', 'generated', 'lantern']);
    expect(log.filter((e) => e.type !== 'segmentstart' && e.type !== 'ended')).toEqual([]);
    const stats = eng.stats();
    console.log(
      '[mixed audio]',
      JSON.stringify(stats),
      'audio bytes at segment starts',
      JSON.stringify(audioAt),
      'end',
      audioBytes(video),
    );
    expect(stats.stalls).toBe(0);
    expect(stats.boundaries.map((b) => b.segmentId)).toEqual(['generated', 'lantern']);
    // Each boundary: media advanced by exactly the frames presented across it (a busy page may
    // get one callback for two frames), nothing skipped beyond what the browser dropped.
    for (const b of stats.boundaries)
      expect(Math.round(b.mediaGapMs / FRAME_MS), `${b.segmentId}: media gap in frames`).toBeGreaterThanOrEqual(1);
    expect(unexplainedBoundarySkips(stats), 'frames skipped across splices').toBe(0);
    // Video played through all three: 4 + 2 + 4 s on one timeline.
    expect(video.currentTime).toBeCloseTo(10, 1);
    expect(framesPlayed(frames.frames, stats.droppedVideoFrames)).toBeGreaterThan(250);
    // Audio was decoded through the generated branch too (its ambience), not only the authored clips.
    expect(audioAt.lantern!).toBeGreaterThan(audioAt.generated!);
    expect(audioBytes(video)).toBeGreaterThan(audioAt.lantern!);
    // Audio and video buffered without a hole at either splice (MSE's buffered is their intersection).
    expect(video.buffered.length).toBe(1);
  });
});
