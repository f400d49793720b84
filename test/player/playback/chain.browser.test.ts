import { afterEach, describe, expect, it } from 'vitest';
import { createPlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import type {
  PlaybackEngine,
  PlaybackEngineOptions,
  SegmentSource,
} from '../../../src/player/playback/PlaybackEngine.js';
import {
  clip,
  unexplainedBoundarySkips,
  createTestVideo,
  bufferedHoles,
  nextEvent,
  recordEvents,
} from '../../support/playbackHarness.js';

let engine: PlaybackEngine | null = null;
afterEach(() => {
  engine?.destroy();
  engine = null;
  document.body.replaceChildren();
});

/** Checks shared by every chain: order, no waiting, no frame skipped or repeated, at boundaries or anywhere. */
function expectSeamless(
  eng: PlaybackEngine,
  log: ReturnType<typeof recordEvents>,
  video: HTMLVideoElement,
  order: string[],
  label: string,
): void {
  const starts = log
    .filter((e) => e.type === 'segmentstart')
    .map((e) => (e.payload as { segmentId: string }).segmentId);
  expect(starts).toEqual(order);
  expect(log.filter((e) => e.type !== 'segmentstart' && e.type !== 'ended')).toEqual([]);
  const stats = eng.stats();
  console.log(`[${label}]`, JSON.stringify(stats));
  expect(stats.stalls).toBe(0);
  expect(stats.boundaries.map((b) => b.segmentId)).toEqual(order.slice(1));
  // Seamless, whatever the machine's speed: no `waiting`, and media time advanced by exactly
  // the frames presented (beyond those the browser dropped for lateness). How long a picture
  // stays up at a splice is wall-clock time, the playback benchmark's figure, not a verdict here.
  expect(unexplainedBoundarySkips(stats), 'frames skipped across splices').toBe(0);
  for (const b of stats.boundaries) expect(b.mediaGapMs, `${b.segmentId}: media went forward`).toBeGreaterThan(0);
  // No hole anywhere in the timeline: the buffer is one range (frames a loaded compositor did
  // not present are the machine's doing, not a hole, and are not judged here).
  expect(bufferedHoles(video)).toEqual([]);
}

/**
 * Play `chain` to its end, each segment queued when the one before it starts (`onStart`
 * runs first at each segmentstart), and check it was seamless.
 */
async function playChain(
  chain: SegmentSource[],
  label: string,
  options: PlaybackEngineOptions = {},
  onStart: (eng: PlaybackEngine) => void = () => {},
): Promise<{ eng: PlaybackEngine; video: HTMLVideoElement }> {
  const video = createTestVideo();
  engine = createPlaybackEngine(video, options);
  const eng = engine;
  const log = recordEvents(eng);
  let queued = 1;
  eng.on('segmentstart', () => {
    onStart(eng);
    if (queued < chain.length) eng.queueNext(chain[queued++]!);
    if (queued === chain.length) eng.end();
  });
  await eng.load(chain[0]!);
  await eng.play();
  await nextEvent(eng, 'ended', () => true, 60_000);
  expectSeamless(
    eng,
    log,
    video,
    chain.map((c) => c.segmentId),
    label,
  );
  return { eng, video };
}

describe('chains of segments', () => {
  it('splices five segments, each queued when the previous one starts', async () => {
    const { video } = await playChain(
      [clip('intro'), clip('a', 3), clip('dark'), clip('b', 3), clip('home')],
      'chain of 5',
    );
    expect(video.currentTime).toBeCloseTo(18, 1);
  });

  it('stays seamless when the choice is locked 150 ms before the boundary, if prefetched', async () => {
    const video = createTestVideo();
    engine = createPlaybackEngine(video);
    const eng = engine;
    const log = recordEvents(eng);
    const lockedAt: number[] = [];
    const late = (next: SegmentSource, last: boolean) => {
      eng.prefetch([next, clip('lost')]);
      const remainingMs = ((eng.currentSegmentId() === 'intro' ? 4 : 3) - eng.segmentTime()) * 1000 - 150;
      eng.clock.setTimeout(() => {
        lockedAt.push(eng.segmentTime());
        eng.cancel(['lost']);
        eng.queueNext(next);
        if (last) eng.end();
      }, remainingMs);
    };
    eng.on('segmentstart', ({ segmentId }) => {
      if (segmentId === 'intro') late(clip('c', 3), false);
      if (segmentId === 'c') late(clip('lantern'), true);
    });
    await eng.load(clip('intro'));
    await eng.play();
    await nextEvent(eng, 'ended', () => true, 30_000);
    console.log('[late] choice locked at segmentTime', lockedAt);
    expect(lockedAt[0]).toBeGreaterThan(3.7);
    expect(lockedAt[1]).toBeGreaterThan(2.7);
    expectSeamless(eng, log, video, ['intro', 'c', 'lantern'], 'late choice');
  });

  it('trims the playlist behind the back buffer and stays seamless (sliding MEDIA-SEQUENCE)', async () => {
    const chain: SegmentSource[] = [
      clip('a', 3),
      clip('b', 3),
      clip('c', 3),
      clip('a', 3),
      clip('b', 3),
      clip('c', 3),
      clip('a', 3),
      clip('b', 3),
    ];
    const listed: number[] = [];
    const buffered: number[] = [];
    // A 2 s back buffer makes the timeline trim after every segment instead of after 30 s.
    const { video } = await playChain(chain, 'trimmed chain', { backBufferSeconds: 2 }, (eng) => {
      listed.push(eng.stats().held.listedSegments);
      buffered.push(Math.round(eng.stats().held.bufferedSeconds));
    });
    console.log(
      `[trim] at each segmentstart: segments listed ${JSON.stringify(listed)}, seconds buffered ${JSON.stringify(buffered)}`,
    );
    expect(video.currentTime).toBeCloseTo(24, 1);
    // Without trimming the list would reach 8; with it, at most the played one, the current and the queued.
    expect(Math.max(...listed)).toBeLessThanOrEqual(3);
    // hls.js evicts the back buffer too (in fragment steps): the 24 s walked never sit in the buffer at once.
    expect(Math.max(...buffered)).toBeLessThan(12);
  });

  it('changes codec at a branch: H.264 → VP9 → AV1 → H.264 in one MediaSource, seamless', async () => {
    const { video } = await playChain([clip('a', 3), clip('vp9', 3), clip('av1', 3), clip('b', 3)], 'codec changes');
    expect(video.currentTime).toBeCloseTo(12, 1);
  });
});
