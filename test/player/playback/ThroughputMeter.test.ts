// The meter with Resource Timing entries recorded from chromium by abr.browser.test.ts (a
// 720p fragment on loopback, two 240p fragments fetched together through a 600 kbps throttle)
// and variants of them (a cross-origin entry without Timing-Allow-Origin, a cache hit, a 304),
// fed through a source the test controls.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BandwidthEstimator } from '../../../src/player/playback/BandwidthEstimator.js';
import { ThroughputMeter } from '../../../src/player/playback/ThroughputMeter.js';
import type { ResourceTiming, ResourceTimingSource } from '../../../src/player/playback/ThroughputMeter.js';

const URL_A = '/test/media/ladder/720p/seg_002.m4s';

/** Recorded: 346 KB on loopback, 12 ms to first byte, then 32 ms of transfer (86 Mbps). */
const sameOrigin: ResourceTiming = {
  name: URL_A,
  startTime: 2452.4000000003725,
  responseStart: 2464.4000000003725,
  responseEnd: 2496.4000000003725,
  transferSize: 346177,
  encodedBodySize: 345877,
};

/** Recorded at 600 kbps (DevTools throttling): the next fragment and the one asked for ahead, in flight together. */
const throttled: ResourceTiming[] = [
  {
    name: '/test/media/ladder/240p/seg_001.m4s',
    startTime: 21529.099999999627,
    responseStart: 21547.900000000373,
    responseEnd: 22892.599999999627,
    transferSize: 49359,
    encodedBodySize: 49059,
  },
  {
    name: '/test/media/ladder/240p/seg_002.m4s',
    startTime: 21529.599999999627,
    responseStart: 21548.200000001118,
    responseEnd: 22892.400000000373,
    transferSize: 48967,
    encodedBodySize: 48667,
  },
];

function source(entries: ResourceTiming[] = []) {
  let listener: ((e: ResourceTiming) => void) | null = null;
  const s: ResourceTimingSource & { deliver(e: ResourceTiming): void } = {
    byName: (url) => entries.filter((e) => e.name === url),
    observe(l) {
      listener = l;
      return () => (listener = null);
    },
    deliver: (e) => listener?.(e),
  };
  return s;
}

afterEach(() => vi.useRealTimers());

describe('ThroughputMeter', () => {
  it('times a download from its Resource Timing entry: body bytes from responseStart to responseEnd', () => {
    const bw = new BandwidthEstimator(0);
    const meter = new ThroughputMeter(bw, source([sameOrigin]));
    // The page saw the body 500 ms after asking (a busy main thread): that is not the link.
    meter.downloaded(URL_A, 345_877, 2452.4, 2952.4);
    expect(meter.counts).toEqual({ resourceTiming: 1, fetch: 0, cached: 0 });
    expect(bw.estimate()).toBeCloseTo((345_877 * 8) / 0.032, -5); // 86 Mbps, not 5.5
  });

  it('waits for an entry the observer delivers after the body resolved', () => {
    vi.useFakeTimers();
    const bw = new BandwidthEstimator(0);
    const timings = source();
    const meter = new ThroughputMeter(bw, timings);
    meter.downloaded(URL_A, 345_877, 2452.4, 3352.4);
    expect(bw.measured).toBe(false);
    timings.deliver(sameOrigin);
    expect(meter.counts.resourceTiming).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(meter.counts.fetch).toBe(0); // not counted twice
  });

  it('falls back to the fetch timing when the entry hides sizes (cross-origin, no Timing-Allow-Origin)', () => {
    const bw = new BandwidthEstimator(0);
    const opaque = { ...sameOrigin, responseStart: 0, transferSize: 0, encodedBodySize: 0 };
    const meter = new ThroughputMeter(bw, source([opaque]));
    meter.downloaded(URL_A, 345_877, 2452.4, 3352.4);
    expect(meter.counts).toEqual({ resourceTiming: 0, fetch: 1, cached: 0 });
    expect(meter.lastCached).toBe(false);
    expect(bw.estimate()).toBeCloseTo((345_877 * 8) / 0.9, -4);
  });

  it('falls back to the fetch timing when no entry comes (a full Resource Timing buffer)', () => {
    vi.useFakeTimers();
    const bw = new BandwidthEstimator(0);
    const meter = new ThroughputMeter(bw, source());
    meter.downloaded(URL_A, 345_877, 2452.4, 3352.4);
    vi.advanceTimersByTime(1000);
    expect(meter.counts).toEqual({ resourceTiming: 0, fetch: 1, cached: 0 });
    expect(meter.lastCached).toBe(false);
  });

  it('ignores an HTTP cache hit, a 304 revalidation and an older entry for the same URL', () => {
    const bw = new BandwidthEstimator(0);
    const cached = { ...sameOrigin, startTime: 3000, responseStart: 3001, responseEnd: 3002, transferSize: 0 };
    const revalidated = { ...cached, name: 'b', transferSize: 300 }; // recorded: headers only crossed
    const meter = new ThroughputMeter(bw, source([sameOrigin, cached, revalidated]));
    meter.downloaded(URL_A, 345_877, 3000, 3003);
    meter.downloaded('b', 345_877, 3000, 3003);
    expect(bw.measured).toBe(false);
    expect(meter.counts).toEqual({ resourceTiming: 0, fetch: 0, cached: 2 });
    // The latest download measured nothing: the choice may probe up (chooseRendition's probeUp).
    expect(meter.lastCached).toBe(true);
  });

  it("reads the throttled link, not each transfer's share of it, from two fragments fetched together", () => {
    const bw = new BandwidthEstimator(0);
    const meter = new ThroughputMeter(bw, source(throttled));
    for (const e of throttled) meter.downloaded(e.name, e.encodedBodySize, e.startTime, e.responseEnd + 5);
    // Each alone reads 292 kbps; together 97.7 KB crossed in 1.345 s: 581 kbps of the 600.
    expect(meter.counts.resourceTiming).toBe(2);
    expect(bw.estimate()).toBeGreaterThan(540_000);
    expect(bw.estimate()).toBeLessThan(600_000);
  });
});

describe('ThroughputMeter with overlapping transfers', () => {
  it('credits each transfer only with link time no other counted transfer covered', () => {
    // A 150 KB/s link: fragment A (100 KB) alone for 200 ms, sharing it with B (50 KB) for the
    // next 600 ms, then alone for 200 ms. Each alone reads less: 83 and 100 KB/s.
    const bw = new BandwidthEstimator(0);
    const a = {
      name: 'a',
      startTime: 1000,
      responseStart: 1000,
      responseEnd: 2000,
      transferSize: 100_300,
      encodedBodySize: 100_000,
    };
    const b = {
      name: 'b',
      startTime: 1150,
      responseStart: 1200,
      responseEnd: 1800,
      transferSize: 50_300,
      encodedBodySize: 50_000,
    };
    const meter = new ThroughputMeter(bw, source([a, b]));
    meter.downloaded('b', 50_000, 1150, 1800);
    meter.downloaded('a', 100_000, 1000, 2000);
    // 150 KB over the 1 s the link was busy: 1.2 Mbps (not the 0.67 or 0.8 of either alone).
    expect(bw.estimate()).toBeGreaterThan(1.1e6);
    expect(bw.estimate()).toBeLessThan(1.3e6);
  });
});
