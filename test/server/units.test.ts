import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from '../../src/server/api/TokenBucketLimiter.js';
import { parseRange } from '../../src/server/http/parseRange.js';
import { renditionKey, signViewerToken, verifyViewerToken } from '../../src/server/index.js';
import type { RenditionInput } from '../../src/server/index.js';
import { safeRelativePath } from '../../src/server/store/safeRelativePath.js';
import { RecentMap } from '../../src/server/queue/RecentMap.js';
import { isFinal } from '../../src/core/index.js';

const base: RenditionInput = {
  generatorId: 'procedural',
  generatorVersion: '1',
  spec: { prompt: 'a fox', style: 'ink' },
  seed: 7,
  state: { a: 1, b: true },
  durationSeconds: 4,
  segmentSeconds: 1,
};

describe('renditionKey', () => {
  it('ignores property order and changes with every input that shapes the output', () => {
    const key = renditionKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(renditionKey({ ...base, spec: { style: 'ink', prompt: 'a fox' }, state: { b: true, a: 1 } })).toBe(key);
    const variants: Array<Partial<RenditionInput>> = [
      { generatorId: 'other' },
      { generatorVersion: '2' },
      { spec: { prompt: 'a fox!', style: 'ink' } },
      { seed: 8 },
      { state: { a: 2, b: true } },
      { state: { a: '1', b: true } },
      { durationSeconds: 5 },
      { segmentSeconds: 2 },
    ];
    const keys = new Set(variants.map((v) => renditionKey({ ...base, ...v })));
    expect(keys.size).toBe(variants.length);
    expect(keys.has(key)).toBe(false);
  });
});

describe('viewer tokens', () => {
  const secret = 'unit-secret-0123456789';
  it('round-trips claims and refuses tampering, expiry and short secrets', () => {
    const token = signViewerToken({ sub: 'v', story: 's', exp: 2_000 }, secret);
    expect(verifyViewerToken(token, secret, 1_000)).toEqual({ sub: 'v', story: 's', exp: 2_000 });
    expect(() => verifyViewerToken(token, secret, 2_000)).toThrow(/expired/);
    expect(() => verifyViewerToken(token.replace('ofs1.', 'ofs2.'), secret, 1_000)).toThrow(/not an Offshoot/);
    expect(() => verifyViewerToken(`${token}x`, secret, 1_000)).toThrow(/signature/);
    expect(() => signViewerToken({ sub: 'v', story: 's', exp: 1 }, 'short')).toThrow(/16/);
  });
});

describe('parseRange', () => {
  it('reads single ranges, clamps the end, and spots unsatisfiable ones', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-200', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-5', 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-1', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,3-4', 100)).toBeUndefined();
    expect(parseRange('items=0-1', 100)).toBeUndefined();
  });
});

describe('safeRelativePath', () => {
  it('accepts plain names and refuses every way out', () => {
    expect(safeRelativePath('v0/seg_00001.m4s')).toEqual(['v0', 'seg_00001.m4s']);
    for (const raw of [
      '..',
      '%2e%2e',
      'a/../b',
      '..%2fetc',
      '%2fetc%2fpasswd',
      'a//b',
      'a%00b',
      '.hidden',
      'a%5cb',
      'C:%5cwin',
      '%E0%A4%A',
    ]) {
      expect(() => safeRelativePath(raw), raw).toThrow();
    }
  });
});

describe('TokenBucketLimiter', () => {
  it('allows a burst, then one request per refill interval, per key', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ burst: 2, perSecond: 1 }, () => now);
    expect([limiter.take('a'), limiter.take('a')]).toEqual([0, 0]);
    expect(limiter.take('a')).toBeCloseTo(1);
    expect(limiter.take('b')).toBe(0);
    now = 1;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
  });
});

describe('RecentMap', () => {
  it('keeps only the most recently set keys, and setting a key again makes it newest', () => {
    const map = new RecentMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
    expect(map.size).toBe(2);
    expect(map.get('b')).toBeUndefined();
    expect([map.get('a'), map.get('c')]).toEqual([3, 4]);
    expect(() => new RecentMap(0)).toThrow(/limit must be ≥ 1/);
  });
});

describe('isFinal', () => {
  it('is true exactly for done, failed and cancelled', () => {
    const statuses = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
    expect(statuses.filter((status) => isFinal({ status }))).toEqual(['done', 'failed', 'cancelled']);
  });
});
