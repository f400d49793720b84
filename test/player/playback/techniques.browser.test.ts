// Measures the splice techniques of docs/decisions/0001-seamless-splicing.md side by side in
// this browser, with the same frame probe, so the numbers in the decision can be re-made:
//   npx vitest run --project browser test/player/playback/techniques.browser.test.ts
// It also proves the probe can tell a frozen splice from a seamless one.
import Hls from 'hls.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import type { PlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import { clip, createTestVideo, findSkips, nextEvent, recordFrames } from '../../support/playbackHarness.js';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const undo of cleanup.splice(0)) undo();
  document.body.replaceChildren();
});

/** Wall time between the last frame before media time jumps back and the first after. */
function switchGapMs(frames: Array<{ mediaTime: number; at: number }>): number {
  const i = frames.findIndex((f, k) => k > 0 && f.mediaTime < frames[k - 1]!.mediaTime);
  return i > 0 ? frames[i]!.at - frames[i - 1]!.at : Number.NaN;
}

describe('splice techniques, measured', () => {
  it('baseline: a second loadSource() after `ended` freezes the picture', async () => {
    const video = createTestVideo();
    const hls = new Hls({ startPosition: 0 });
    cleanup.push(() => hls.destroy());
    const frames: Array<{ mediaTime: number; at: number }> = [];
    const tick = (_n: number, m: VideoFrameCallbackMetadata) => {
      frames.push({ mediaTime: m.mediaTime, at: m.expectedDisplayTime });
      video.requestVideoFrameCallback(tick);
    };
    video.requestVideoFrameCallback(tick);
    hls.attachMedia(video);
    hls.loadSource(clip('intro').url);
    await new Promise((r) => video.addEventListener('canplay', r, { once: true }));
    await video.play();
    await new Promise((r) => video.addEventListener('ended', r, { once: true }));
    hls.loadSource(clip('lantern').url);
    await video.play();
    await new Promise((r) => setTimeout(r, 1000));
    const gap = switchGapMs(frames);
    console.log(`[techniques] loadSource switch: ${gap.toFixed(1)} ms between the last and first frame`);
    expect(gap).toBeGreaterThan(100);
  });

  it('engine: one timeline, DISCONTINUITY + MAP, verified fragments', async () => {
    const video = createTestVideo();
    const engine: PlaybackEngine = createPlaybackEngine(video);
    cleanup.push(() => engine.destroy());
    await engine.load(clip('intro'));
    await engine.play();
    engine.queueNext(clip('lantern'));
    engine.end();
    await nextEvent(engine, 'ended', () => true, 20_000);
    const b = engine.stats().boundaries[0]!;
    console.log(`[techniques] engine splice: ${b.wallGapMs.toFixed(1)} ms, ${b.presentedDelta} frame(s)`);
    expect(b.wallGapMs / b.presentedDelta).toBeLessThan(100);
  });

  it("authors' media with B-frames (x264 defaults): reported, and what it does to the splice", async () => {
    const video = createTestVideo();
    const engine: PlaybackEngine = createPlaybackEngine(video);
    cleanup.push(() => engine.destroy());
    const errors: string[] = [];
    engine.on('error', (e) => errors.push(e.code));
    const frames = recordFrames(video);
    cleanup.push(() => frames.stop());
    await engine.load(clip('intro'));
    await engine.play();
    engine.queueNext(clip('bframes', 3));
    engine.queueNext(clip('lantern'));
    engine.end();
    const ended = await nextEvent(engine, 'ended', () => true, 15_000).then(
      () => true,
      () => false,
    );
    const stats = engine.stats();
    console.log(
      `[techniques] B-frame splice: ended=${ended} skips=${JSON.stringify(findSkips(frames.frames).problems)} ${JSON.stringify(stats)}`,
    );
    expect(errors).toContain('media-incompatible');
  });
});
