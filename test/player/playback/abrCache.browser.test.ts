// A replay served from the real HTTP cache (ADR 0011, "Cache hits"): downloads that come from
// the cache (or a 304) measure nothing about the link, so before the cache probe a viewer who
// had watched the `ladder` at 240p replayed it at 240p to the end, however fast the link. Now a
// fragment from the cache lets the next choice try one rendition up, whose download crosses the
// network (and is measured) or comes from the cache too. Measured from the media element
// (requestVideoFrameCallback's picture height), in real chromium with its own HTTP cache on,
// throttled by DevTools for the first viewing only.
import { afterEach, describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import { createPlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import type { PlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import { clip, createTestVideo, nextEvent } from '../../support/playbackHarness.js';

let engine: PlaybackEngine | null = null;
afterEach(async () => {
  engine?.destroy();
  engine = null;
  document.body.replaceChildren();
  await network(null);
});

/** Throttle to `kbps` (40 ms latency) or lift it (null); the HTTP cache stays on either way. */
async function network(kbps: number | null): Promise<void> {
  const session = cdp();
  await session.send('Network.enable');
  await session.send('Network.setCacheDisabled', { cacheDisabled: false });
  await session.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: kbps === null ? 0 : 40,
    downloadThroughput: kbps === null ? -1 : (kbps * 1000) / 8,
    uploadThroughput: -1,
  });
}

/** Play the 8 s ladder once to the end with a fresh engine: each presented frame's height, and the engine's counts. */
async function playLadder() {
  const video = createTestVideo();
  const eng = (engine = createPlaybackEngine(video));
  const heights: number[] = [];
  const waiting: number[] = [];
  const tick = (_now: number, meta: VideoFrameCallbackMetadata) => {
    heights.push(meta.height);
    if (engine === eng) video.requestVideoFrameCallback(tick);
  };
  video.requestVideoFrameCallback(tick);
  video.addEventListener('waiting', () => heights.length > 0 && waiting.push(video.currentTime));
  await eng.load(clip('ladder', 8));
  eng.end();
  await eng.play();
  await nextEvent(eng, 'ended', () => true, 50_000);
  const stats = eng.stats();
  eng.destroy();
  engine = null;
  video.remove();
  const shown = [...new Set(heights)];
  console.log(
    `[abr cache] shown ${JSON.stringify(shown)}, waiting ${waiting.length}, ${JSON.stringify(stats.throughput)}`,
  );
  return { heights, shown, waiting, throughput: stats.throughput };
}

describe('adaptive bitrate after cache hits', () => {
  it('a replay from the HTTP cache probes up and leaves the rendition the first viewing was on', async () => {
    // Earlier test files in the same browser may have played the ladder: start from an empty
    // cache, so the first viewing crosses the (throttled) network whatever ran before.
    await cdp().send('Network.clearBrowserCache');
    // First viewing at 600 kbps: only 240p fits, and its fragments are now in the cache.
    await network(600);
    const first = await playLadder();
    expect(first.shown).toEqual([240]);
    expect(first.throughput.measured).toBe(true);

    // Replay on a fast link: the 240p fragments come from the cache (or a 304) and measure nothing.
    await network(null);
    const replay = await playLadder();
    expect(replay.throughput.cached).toBeGreaterThan(0);
    // Without the probe every choice stays on the first pick (240p) to the end.
    expect(Math.max(...replay.shown)).toBeGreaterThan(240);
    expect(replay.heights.at(-1)).toBeGreaterThan(240);
    expect(replay.waiting).toEqual([]);
  }, 90_000);
});
