// The one median/percentile helper every benchmark uses, so that "median" means the same thing
// in every table (an even count takes the mean of the two middle values, not the upper one).

/**
 * The q-quantile (0 ≤ q ≤ 1) of `values`, linearly interpolated between the two nearest ranks
 * (the usual definition: R's type 7, numpy's default). Does not change `values`.
 *
 * @throws RangeError for an empty list, a q outside [0, 1], or a non-finite value: a
 *   benchmark that has nothing to summarise must say so, not print 0.
 * @example
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 * quantile([10, 20, 30, 40, 50], 0.9); // 46
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new RangeError('quantile of an empty list');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be within [0, 1], got ${q}`);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`quantile: value at index ${bad} is ${values[bad]}, not a finite number`);
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/**
 * The median of `values`: the middle value, or the mean of the two middle values of an even count.
 *
 * @example
 * median([3, 1, 2]); // 2
 * median([4, 1, 3, 2]); // 2.5
 */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}
