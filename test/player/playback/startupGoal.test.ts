import { describe, expect, it } from 'vitest';
import { MAX_STARTUP_SECONDS, startupGoal } from '../../../src/player/playback/startupGoal.js';

describe('startupGoal', () => {
  it('waits for one fragment when the link carries the media with room to spare (as hls.js starts)', () => {
    expect(startupGoal({ mediaBps: 1e6, estimateBps: 8e6, fragmentSeconds: 1 })).toBe(1);
    expect(startupGoal({ mediaBps: 2.8e6, estimateBps: 20e6, fragmentSeconds: 2 })).toBe(2);
  });

  it('waits for one fragment before anything is measured, or when the media rate is unknown', () => {
    expect(startupGoal({ mediaBps: 1e6, estimateBps: null, fragmentSeconds: 1 })).toBe(1);
    expect(startupGoal({ mediaBps: 0, estimateBps: 1e6, fragmentSeconds: 1 })).toBe(1);
  });

  it('banks more on a link the media nearly fills: 1 Mbps media at 1.2 Mbps needs 2 s', () => {
    // ratio 1.5 × 1 / 1.2 = 1.25: the download falls 0.2 s behind each second, 10 s × 0.2 = 2 s.
    expect(startupGoal({ mediaBps: 1e6, estimateBps: 1.2e6, fragmentSeconds: 1 })).toBeCloseTo(2, 6);
    const slower = startupGoal({ mediaBps: 1e6, estimateBps: 1.1e6, fragmentSeconds: 1 });
    expect(slower).toBeGreaterThan(2);
  });

  it('never waits for more than MAX_STARTUP_SECONDS, however slow the link', () => {
    expect(startupGoal({ mediaBps: 1e6, estimateBps: 0.3e6, fragmentSeconds: 1 })).toBe(MAX_STARTUP_SECONDS);
  });

  it('never asks for less than one fragment, even a long one', () => {
    expect(startupGoal({ mediaBps: 1e6, estimateBps: 1.2e6, fragmentSeconds: 6 })).toBe(6);
  });
});
