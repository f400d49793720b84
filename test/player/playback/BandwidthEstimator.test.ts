import { describe, expect, it } from 'vitest';
import { BandwidthEstimator } from '../../../src/player/playback/BandwidthEstimator.js';

describe('BandwidthEstimator', () => {
  it('starts from its guess, then follows timed downloads', () => {
    const bw = new BandwidthEstimator(2e6);
    expect(bw.measured).toBe(false);
    expect(bw.estimate()).toBe(2e6);
    bw.sample(1_000_000, 1000); // 8 Mbps
    expect(bw.measured).toBe(true);
    expect(bw.estimate()).toBeCloseTo(8e6, -3);
  });

  it('gives the first sample its own value however short it was (bias correction)', () => {
    const bw = new BandwidthEstimator(2e6);
    bw.sample(50_000, 40); // 10 Mbps in 40 ms
    expect(bw.estimate()).toBeCloseTo(10e6, -3);
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

  it('weighs a sample by how long it lasted', () => {
    const long = new BandwidthEstimator(2e6);
    const short = new BandwidthEstimator(2e6);
    for (const bw of [long, short]) bw.sample(1_000_000, 4000); // 2 Mbps for 4 s
    long.sample(4_000_000, 2000); // 16 Mbps for 2 s
    short.sample(80_000, 40); // 16 Mbps for 40 ms
    expect(long.estimate()).toBeGreaterThan(short.estimate() * 2);
    expect(short.estimate()).toBeLessThan(2.5e6);
  });

  it('ignores downloads too small to tell the link, and floors the time of very quick ones', () => {
    const bw = new BandwidthEstimator(2e6);
    bw.sample(1000, 1);
    bw.sample(10_000, 500);
    expect(bw.measured).toBe(false);
    bw.sample(100_000, 0.2); // 100 KB in 0.2 ms counts as 20 ms: 40 Mbps, not 4 Gbps
    expect(bw.estimate()).toBeCloseTo(40e6, -4);
  });
});
