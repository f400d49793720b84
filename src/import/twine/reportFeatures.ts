import type { ExtweePassage } from 'extwee';
import type { ImportWarning } from '../ImportReport.js';
import type { TwineScan } from './scanTwineText.js';

/**
 * Adds one warning per kind of macro, printed variable or HTML tag in a passage (with the line of
 * its first use and how often it occurs), so a passage full of `<<print>>` gives one line, not fifty.
 *
 * @example
 * reportFeatures(scanTwineText(p.text), p, lineOf, 'SugarCube', warnings);
 */
export function reportFeatures(
  scan: TwineScan,
  passage: ExtweePassage,
  lineOf: (p: ExtweePassage, offset: number) => number | undefined,
  format: string,
  warnings: ImportWarning[],
  where = '',
): void {
  const groups = new Map<string, { kind: string; offset: number; count: number }>();
  for (const f of scan.features) {
    const group = groups.get(f.name);
    if (group) group.count++;
    else groups.set(f.name, { kind: f.kind, offset: f.offset, count: 1 });
  }
  const suffix = where ? ` ${where}` : '';
  for (const [name, { kind, offset, count }] of groups) {
    const times = count > 1 ? ` (${count}×)` : '';
    const message =
      kind === 'variable'
        ? `prints ${name}${times}${suffix}: variable values are left out of the prompt`
        : kind === 'markup'
          ? `HTML ${name}${times}${suffix} is left out of the prompt`
          : `${format || 'story-format'} macro ${name}${times}${suffix} is not carried over`;
    warnings.push({
      code: kind === 'macro' ? 'macro' : kind === 'markup' ? 'markup' : 'variable',
      passage: passage.name,
      line: lineOf(passage, offset),
      message,
    });
  }
}
