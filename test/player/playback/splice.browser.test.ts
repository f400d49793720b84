import { afterEach, describe, expect, it } from 'vitest';
import { createPlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import type { PlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import {
  clip,
  unexplainedBoundarySkips,
  createTestVideo,
  bufferedHoles,
  nextEvent,
  recordEvents,
  recordFrames,
  framesPlayed,
} from '../../support/playbackHarness.js';

let engine: PlaybackEngine | null = null;
afterEach(() => {
  engine?.destroy();
  engine = null;
  document.body.replaceChildren();
});

describe('seamless splicing (real hls.js, generated fMP4)', () => {
  it('this browser plays the test media in MSE: H.264 High + AAC-LC in fMP4', () => {
    expect(MediaSource.isTypeSupported('video/mp4; codecs="avc1.64001e,mp4a.40.2"')).toBe(true);
    expect(MediaSource.isTypeSupported('audio/mp4; codecs="mp4a.40.2"')).toBe(true);
  });

  it('plays intro then the queued segment on one timeline with no hole', async () => {
    const video = createTestVideo();
    engine = createPlaybackEngine(video);
    const log = recordEvents(engine);
    const frames = recordFrames(video);
    await engine.load(clip('intro'));
    await engine.play();
    engine.queueNext(clip('lantern'));
    engine.end();
    await nextEvent(engine, 'ended', () => true, 20_000);
    frames.stop();

    const starts = log
      .filter((e) => e.type === 'segmentstart')
      .map((e) => (e.payload as { segmentId: string }).segmentId);
    expect(starts).toEqual(['intro', 'lantern']);
    expect(log.filter((e) => e.type === 'waiting' || e.type === 'error')).toEqual([]);
    const stats = engine.stats();
    console.log('[splice] intro→lantern', JSON.stringify(stats));
    expect(stats.stalls).toBe(0);
    expect(stats.boundaries).toHaveLength(1);
    expect(unexplainedBoundarySkips(stats)).toBe(0);
    // The lantern segment starts at 4 s on the shared timeline and the video ends at 8 s.
    expect(video.currentTime).toBeCloseTo(8, 1);
    // No hole anywhere in the timeline: the buffer is one range (a splice that left a gap, or
    // media that did not line up, would split it). Frames a loaded compositor did not present
    // are the machine's doing, not a hole, and are not judged here.
    expect(bufferedHoles(video)).toEqual([]);
    // 8 s at 30 fps went through the compositor (counted in frames, not in callbacks, which a busy page gets fewer of).
    expect(framesPlayed(frames.frames, stats.droppedVideoFrames)).toBeGreaterThan(200);
  });
});
