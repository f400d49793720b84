import { describe, expect, it } from 'vitest';
import { judgeGrowth } from '../../bench/support/judgeGrowth.js';

describe('judgeGrowth (the soak bench verdict)', () => {
  it('judges bytes per 100 transitions from the baseline', () => {
    expect(judgeGrowth(1_000_000, 3_000_000, 400, { tolerance: 500_000, on: 'per100' })).toEqual({
      per100: 500_000,
      judged: 500_000,
      verdict: 'flat',
    });
    expect(judgeGrowth(1_000_000, 3_000_001, 400, { tolerance: 500_000, on: 'per100' }).verdict).toBe('GROWS');
  });

  it('judges counts on end − baseline, so one more per transition fails however long the run', () => {
    expect(judgeGrowth(200, 250, 1000, { tolerance: 50, on: 'total' }).verdict).toBe('flat');
    expect(judgeGrowth(200, 251, 1000, { tolerance: 50, on: 'total' })).toMatchObject({ judged: 51, verdict: 'GROWS' });
  });

  it('fails a metric that could not be measured, and only reports one without a budget', () => {
    expect(judgeGrowth(1, Number.NaN, 100, { tolerance: 10, on: 'per100' }).verdict).toBe('GROWS');
    expect(judgeGrowth(1, 1e9, 100, { tolerance: Infinity, on: 'per100' }).verdict).toBe('info');
  });
});
