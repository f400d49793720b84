import { describe, expect, it } from 'vitest';
import { RECENT_STATS, StatsRecorder } from '../../../src/player/playback/StatsRecorder.js';

// snapshot() reads only the quality counters from the element.
const video = {
  getVideoPlaybackQuality: () => ({ droppedVideoFrames: 2, totalVideoFrames: 900 }),
} as unknown as HTMLVideoElement;
const held = { listedSegments: 2, listedFragments: 6, bufferedSeconds: 4, pendingBytes: 0 };
const frame = (at: number, mediaTime: number, presentedFrames: number) => ({ at, mediaTime, presentedFrames });

describe('StatsRecorder', () => {
  it('keeps the most recent boundaries and splices, and the worst gap and totals of the whole session', () => {
    const s = new StatsRecorder();
    const count = RECENT_STATS * 2 + 50;
    for (let i = 0; i < count; i++) {
      // Boundary 10 is the one frozen one: 120 ms between frames, the others one 30 fps frame.
      const gap = i === 10 ? 120 : 33;
      s.boundary(`seg-${i}`, frame(i * 1000, i, i * 30), frame(i * 1000 + gap, i + 1 / 30, i * 30 + 1));
      s.spliced(`seg-${i}`, 5 + (i % 7));
    }
    s.waiting();
    s.stall(80);
    const stats = s.snapshot(video, held);
    expect(stats.boundaries).toHaveLength(RECENT_STATS);
    expect(stats.splices).toHaveLength(RECENT_STATS);
    expect(stats.boundaries[0]!.segmentId).toBe(`seg-${count - RECENT_STATS}`);
    expect(stats.boundaries.at(-1)).toEqual({
      segmentId: `seg-${count - 1}`,
      wallGapMs: 33,
      mediaGapMs: expect.closeTo(1000 / 30, 6),
      presentedDelta: 1,
    });
    expect(stats.splices.at(-1)).toEqual({ segmentId: `seg-${count - 1}`, queuedToBufferedMs: 5 + ((count - 1) % 7) });
    // Boundary 10 left the list long ago; the worst gap still remembers it.
    expect(stats.maxBranchGapMs).toBe(120);
    expect(stats).toMatchObject({ stalls: 1, stallMs: 80, droppedVideoFrames: 2, totalVideoFrames: 900, held });
  });

  it('hands out copies: changing a snapshot does not change the next one', () => {
    const s = new StatsRecorder();
    s.boundary('a', frame(0, 0, 0), frame(40, 0.04, 1));
    const first = s.snapshot(video, held);
    first.boundaries[0]!.wallGapMs = 999;
    first.boundaries.length = 0;
    expect(s.snapshot(video, held).boundaries).toEqual([
      { segmentId: 'a', wallGapMs: 40, mediaGapMs: 40, presentedDelta: 1 },
    ]);
    expect(s.snapshot(video, held).maxBranchGapMs).toBe(40);
  });

  it('reports no gap before the first boundary', () => {
    expect(new StatsRecorder().snapshot(video, held)).toMatchObject({
      maxBranchGapMs: 0,
      boundaries: [],
      splices: [],
      startupMs: null,
    });
  });
});
