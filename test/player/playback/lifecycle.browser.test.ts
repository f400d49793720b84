import { afterEach, describe, expect, it } from 'vitest';
import { createPlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import type { PlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import { clip, createTestVideo, nextEvent } from '../../support/playbackHarness.js';
import { trackResources } from '../../support/trackResources.js';
import type { ResourceTracker } from '../../support/trackResources.js';

let engine: PlaybackEngine | null = null;
let tracker: ResourceTracker | null = null;
afterEach(() => {
  tracker?.uninstall();
  tracker = null;
  engine?.destroy();
  engine = null;
  document.body.replaceChildren();
  performance.clearResourceTimings();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Network requests the page made whose URL contains `part`. */
const requested = (part: string) =>
  performance
    .getEntriesByType('resource')
    .filter((e) => e.name.includes(part))
    .map((e) => e.name.split('/').pop());

describe('engine lifecycle', () => {
  it('destroy() mid-playback leaves no src, no timers, no frame callbacks, no fetches, no listeners', async () => {
    tracker = trackResources();
    const video = createTestVideo();
    engine = createPlaybackEngine(video, { growingPollMs: 100 });
    const eng = engine;
    eng.on('segmentstart', () => {});
    const started = nextEvent(eng, 'segmentstart');
    await eng.load(clip('forest', 6));
    await eng.play();
    eng.prefetch([clip('home'), clip('lost')]);
    eng.clock.setTimeout(() => {}, 60_000);
    await started;
    await sleep(300);
    const running = tracker.outstanding();
    expect(running.frameCallbacks).toBeGreaterThan(0);
    expect(running.mediaListeners).toBeGreaterThan(0);

    eng.destroy();
    engine = null;
    await sleep(300); // let aborted fetches settle and hls.js's zero-delay timers run
    expect(video.hasAttribute('src')).toBe(false);
    expect(video.networkState).toBe(HTMLMediaElement.NETWORK_EMPTY);
    expect(video.readyState).toBe(HTMLMediaElement.HAVE_NOTHING);
    expect(tracker.outstanding()).toEqual({
      timeouts: 0,
      intervals: 0,
      frameCallbacks: 0,
      fetches: 0,
      mediaListeners: 0,
    });
    const time = video.currentTime;
    await sleep(300);
    expect(video.currentTime).toBe(time);
    expect(() => eng.queueNext(clip('home'))).toThrow(/load\(\) first/);
  });

  it('prefetch fetches only the first seconds of each candidate; the chosen one plays from that cache; cancel stops the rest', async () => {
    const video = createTestVideo();
    engine = createPlaybackEngine(video, { prefetchSeconds: 2 });
    const eng = engine;
    await eng.load(clip('a', 3));
    eng.prefetch([clip('forest', 6), clip('d', 5)]);
    await sleep(1000);
    // init + 2 fragments of each, nothing more.
    expect(requested('/forest/').sort()).toEqual([
      'index.m3u8',
      'init.mp4',
      'media.m3u8',
      'seg_000.m4s',
      'seg_001.m4s',
    ]);
    expect(requested('/d/').sort()).toEqual(['index.m3u8', 'init.mp4', 'media.m3u8', 'seg_000.m4s', 'seg_001.m4s']);
    eng.cancel(['d']);
    eng.queueNext(clip('forest', 6));
    eng.end();
    await eng.play();
    await nextEvent(eng, 'ended', () => true, 20_000);
    // Every fragment of forest fetched exactly once: the prefetched ones were served from the cache.
    expect(requested('/forest/seg_').sort()).toEqual([
      'seg_000.m4s',
      'seg_001.m4s',
      'seg_002.m4s',
      'seg_003.m4s',
      'seg_004.m4s',
      'seg_005.m4s',
    ]);
    expect(requested('/d/seg_')).toHaveLength(2);
    expect(eng.stats().stalls).toBe(0);
  });

  it('downloads queued media only lookaheadSeconds ahead of the playhead', async () => {
    const video = createTestVideo();
    engine = createPlaybackEngine(video, { lookaheadSeconds: 2 });
    const eng = engine;
    await eng.load(clip('forest', 6));
    await sleep(800);
    expect(requested('/forest/seg_').sort()).toEqual(['seg_000.m4s', 'seg_001.m4s']);
    eng.end();
    await eng.play();
    await nextEvent(eng, 'ended', () => true, 15_000);
    expect(requested('/forest/seg_')).toHaveLength(6);
    expect(eng.stats().stalls).toBe(0);
  });

  it('restartAt() starts a new timeline part-way into a segment', async () => {
    const video = createTestVideo();
    engine = createPlaybackEngine(video);
    const eng = engine;
    await eng.load(clip('intro'));
    const started = nextEvent(eng, 'segmentstart', (e) => e.segmentId === 'forest');
    await eng.restartAt(clip('forest', 6), 2.5);
    await eng.play();
    const start = await started;
    expect(start.mediaTime).toBeGreaterThanOrEqual(2.4);
    expect(start.mediaTime).toBeLessThan(2.7);
    await sleep(500);
    expect(eng.currentSegmentId()).toBe('forest');
    // segmentTime counts from the restart point; the picture is 2.5 s further into forest.
    expect(eng.segmentTime()).toBeGreaterThan(0.1);
    expect(eng.segmentTime()).toBeLessThan(1.5);
    expect(video.currentTime).toBeGreaterThan(2.6);
    // Fragments wholly before the offset were never downloaded.
    expect(requested('/forest/seg_000.m4s')).toEqual([]);
  });

  it('the media clock follows the picture: it stops while paused', async () => {
    const video = createTestVideo();
    engine = createPlaybackEngine(video);
    const eng = engine;
    const started = nextEvent(eng, 'segmentstart');
    await eng.load(clip('forest', 6));
    await eng.play();
    await started;
    const t0 = eng.segmentTime();
    let firedAt = -1;
    eng.clock.setTimeout(() => (firedAt = eng.segmentTime()), 1500);
    const cancelled = eng.clock.setTimeout(() => (firedAt = -2), 1000);
    eng.clock.clearTimeout(cancelled);
    await sleep(500);
    eng.pause();
    await sleep(1500); // wall time passes, media time does not
    expect(firedAt).toBe(-1);
    await eng.play();
    // However long a loaded machine takes to play the rest, the timer fires at 1.5 s of media.
    await expect.poll(() => firedAt, { timeout: 20_000 }).not.toBe(-1);
    // 1.5 s of media, to within a few frames (a loaded CI run saw 1.42: the clock reads the
    // picture, t0 the element). A wall-clock timer would have fired during the pause.
    expect(firedAt - t0).toBeGreaterThan(1.35);
    expect(firedAt - t0).toBeLessThan(1.65);
  });
});
