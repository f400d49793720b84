import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { median, quantile } from '../../bench/support/quantile.js';

describe('median', () => {
  it('takes the middle of an odd count and the mean of the two middle values of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([10, 20])).toBe(15);
  });

  it('does not reorder the list it is given', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe('quantile', () => {
  it('interpolates linearly between ranks (numpy default)', () => {
    expect(quantile([10, 20, 30, 40, 50], 0.9)).toBeCloseTo(46);
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantile([1, 2, 3, 4], 0.75)).toBeCloseTo(3.25);
    expect(quantile([5, 1], 0)).toBe(1);
    expect(quantile([5, 1], 1)).toBe(5);
  });

  it('lies between the smallest and largest value and grows with q', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(quantile(xs, lo)).toBeGreaterThanOrEqual(Math.min(...xs));
          expect(quantile(xs, hi)).toBeLessThanOrEqual(Math.max(...xs));
          expect(quantile(xs, lo)).toBeLessThanOrEqual(quantile(xs, hi) + 1e-9);
        },
      ),
    );
  });

  it('refuses what it cannot summarise, saying what', () => {
    expect(() => quantile([], 0.5)).toThrow(/empty list/);
    expect(() => quantile([1], 1.5)).toThrow(/within \[0, 1\], got 1.5/);
    expect(() => quantile([1, Number.NaN], 0.5)).toThrow(/index 1 is NaN/);
    expect(() => quantile([1, Infinity], 0.5)).toThrow(/index 1 is Infinity/);
  });
});
