// Runs the splice techniques of docs/decisions/0001-seamless-splicing.md side by side in
// this browser, with the same frame probe, and logs what the probe saw:
//   npx vitest run --project browser test/player/playback/techniques.browser.test.ts
// The tests assert only what each technique does whatever the machine's speed (which frames
// reach the screen, which errors are reported); how long a picture stays frozen depends on
// the machine and is the playback benchmark's figure (bench/playback.bench.ts: ours against
// a double-buffered switcher and a naive loadSource() swap, measured in one run).
import Hls from 'hls.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import type { PlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import {
  clip,
  createTestVideo,
  findSkips,
  nextEvent,
  recordFrames,
  unexplainedBoundarySkips,
} from '../../support/playbackHarness.js';

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
  it('baseline: a second loadSource() after `ended` plays the next clip from its start, on the frame probe', async () => {
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
    // Until the probe has seen the new clip's frames (however slowly this machine starts it).
    await expect.poll(() => switchGapMs(frames), { timeout: 20_000, interval: 50 }).not.toBeNaN();
    const gap = switchGapMs(frames);
    console.log(`[techniques] loadSource switch: ${gap.toFixed(1)} ms between the last and first frame`);
    // The media clock went back to the start of the second clip: the probe saw the switch.
    const i = frames.findIndex((f, k) => k > 0 && f.mediaTime < frames[k - 1]!.mediaTime);
    expect(frames[i]!.mediaTime).toBeLessThan(0.5);
    expect(gap).toBeGreaterThan(0);
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
    const stats = engine.stats();
    const b = stats.boundaries[0]!;
    console.log(`[techniques] engine splice: ${b.wallGapMs.toFixed(1)} ms, ${b.presentedDelta} frame(s)`);
    // One timeline: the boundary is seen, and no frame of either clip was skipped at it
    // beyond those the browser itself dropped for lateness (a loaded machine's doing).
    expect(stats.boundaries.map((x) => x.segmentId)).toEqual(['lantern']);
    expect(unexplainedBoundarySkips(stats)).toBe(0);
  });

  it("authors' media with B-frames (x264 defaults): repackaged at load, it splices with no error and no skip", async () => {
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
    // The composition delay is taken out as the bytes arrive (CompositionShift, ADR 0010).
    expect(ended).toBe(true);
    expect(errors).toEqual([]);
    expect(stats.boundaries.map((x) => x.segmentId)).toEqual(['bframes', 'lantern']);
    expect(unexplainedBoundarySkips(stats)).toBe(0);
  });
});
