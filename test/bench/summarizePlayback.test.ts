import { describe, expect, it } from 'vitest';
import { summarizePlayback } from '../../bench/support/summarizePlayback.js';
import type { PageRecord } from '../../bench/support/summarizePlayback.js';

const FRAME = 1000 / 30;

/** Frames at 30 fps over `steps` segments of `perStep` frames, with an extra hold before each boundary. */
function record(steps: number, perStep: number, holdMs: number, resetPresented = false): PageRecord {
  const frames: PageRecord['frames'] = [];
  let at = 1000;
  let presented = 0;
  for (let step = 0; step < steps; step++) {
    if (step > 0) at += holdMs;
    if (resetPresented && step > 0) presented = 0;
    for (let i = 0; i < perStep; i++) {
      frames.push([at, frames.length / 30, ++presented, step]);
      at += FRAME;
    }
  }
  return { startedAt: 0, firstFrameAt: 500, stalls: 0, stallMs: 0, frames, dropped: 0, decoded: frames.length };
}

describe('summarizePlayback', () => {
  it('sees every boundary and no freeze on a seamless timeline', () => {
    const s = summarizePlayback(record(5, 90, 0));
    expect(s.boundaries).toBe(4);
    expect(s.branchGapWorstMs).toBeCloseTo(FRAME, 5);
    expect(s.visibleFreezes).toBe(0);
    expect(s.presentedFps).toBeCloseTo(30, 0);
    expect(s.startupMs).toBe(500);
  });

  it('reports the hold at each boundary, also when presentedFrames restarts (a media reload)', () => {
    const s = summarizePlayback(record(4, 60, 300, true));
    expect(s.boundaries).toBe(3);
    expect(s.branchGapMedianMs).toBeCloseTo(FRAME + 300, 5);
    expect(s.branchFrameHoldWorstMs).toBeCloseTo(FRAME + 300, 5);
    expect(s.visibleFreezes).toBe(3);
  });

  it('does not count a coarse callback cadence as a freeze when the compositor showed every frame', () => {
    const rec = record(3, 90, 0);
    rec.frames = rec.frames.filter((_, i) => i % 3 === 0); // callbacks every 100 ms, 3 frames each
    const s = summarizePlayback(rec);
    expect(s.callbackIntervalMedianMs).toBeCloseTo(3 * FRAME, 5);
    expect(s.branchFrameHoldWorstMs).toBeCloseTo(FRAME, 5);
    expect(s.visibleFreezes).toBe(0);
  });
});
