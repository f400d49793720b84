import type { ConvertedExpression } from './convertTwineExpression.js';
import type { TwineSet } from './scanTwineText.js';

/**
 * One set as the scanners record it, whatever the story format: the converted expression when
 * there is one, and the literal the value is (number, boolean or plain string), which becomes a
 * variable's initial value.
 *
 * @example
 * twineSet('gold', '5', '(set: $gold to 5)', 0, convertTwineExpression('5', 'gold')).literal; // 5
 */
export function twineSet(
  variable: string,
  value: string,
  source: string,
  offset: number,
  converted: ConvertedExpression | undefined,
): TwineSet {
  const set: TwineSet = { variable, variables: converted?.variables ?? [], topLevel: true, source, offset };
  if (converted) set.expression = converted.expression;
  const v = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(v)) set.literal = Number(v);
  else if (v === 'true' || v === 'false') set.literal = v === 'true';
  else if (/^"[^"\\]*"$|^'[^'\\]*'$/.test(v)) set.literal = v.slice(1, -1);
  return set;
}
