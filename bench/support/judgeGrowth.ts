/** How a soak metric's growth is judged against its budget. */
export interface GrowthBudget {
  /** The most it may grow; Infinity: printed for information, never judged. */
  tolerance: number;
  /** 'per100': growth per 100 transitions (bytes); 'total': end − baseline (counts, which must not grow at all). */
  on: 'per100' | 'total';
}

export interface GrowthVerdict {
  /** Growth per 100 transitions from the baseline (printed for every metric). */
  per100: number;
  /** What was compared with the tolerance. */
  judged: number;
  verdict: 'flat' | 'GROWS' | 'info';
}

/**
 * Judge one soak metric from its value at the baseline and at the end. A value that could
 * not be measured (NaN: a heap snapshot missing) fails: a budget that cannot be checked is
 * not met.
 *
 * @example
 * judgeGrowth(7.6e6, 8.9e6, 450, { tolerance: 500e3, on: 'per100' }); // { per100: 288888.9, judged: 288888.9, verdict: 'flat' }
 */
export function judgeGrowth(base: number, end: number, transitions: number, budget: GrowthBudget): GrowthVerdict {
  const per100 = ((end - base) / Math.max(1, transitions)) * 100;
  const judged = budget.on === 'per100' ? per100 : end - base;
  if (!Number.isFinite(budget.tolerance)) return { per100, judged, verdict: 'info' };
  return { per100, judged, verdict: judged <= budget.tolerance ? 'flat' : 'GROWS' };
}
