import { describe, expect, it } from 'vitest';
import { BandwidthEstimator } from '../../../src/player/playback/BandwidthEstimator.js';

describe('BandwidthEstimator', () => {
  it('starts from its guess, then follows timed downloads', () => {
    const bw = new BandwidthEstimator(2e6);
    expect(bw.estimate()).toBe(2e6);
    bw.sample(1_000_000, 1000); // 8 Mbps
    expect(bw.estimate()).toBeCloseTo(8e6, -3);
  });

  it('sees a drop at once but rises slowly after one fast download', () => {
    const bw = new BandwidthEstimator(2e6);
    for (let i = 0; i < 10; i++) bw.sample(500_000, 1000); // 4 Mbps
    bw.sample(500_000, 4000); // 1 Mbps
    expect(bw.estimate()).toBeLessThan(3e6);
    const afterDrop = bw.estimate();
    bw.sample(5_000_000, 1000); // 40 Mbps once
    // The slow average holds it well below the one 40 Mbps reading.
    expect(bw.estimate()).toBeGreaterThan(afterDrop);
    expect(bw.estimate()).toBeLessThan(10e6);
  });

  it('ignores downloads too small or too quick to time', () => {
    const bw = new BandwidthEstimator(2e6);
    bw.sample(1000, 1);
    bw.sample(10_000, 500);
    bw.sample(100_000, 5);
    expect(bw.estimate()).toBe(2e6);
  });
});
