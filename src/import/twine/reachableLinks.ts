import type { ExtweePassage } from 'extwee';
import type { ImportWarning } from '../ImportReport.js';
import { findIncludes } from './findIncludes.js';
import { findTwineLinks } from './findTwineLinks.js';
import type { TwineLink } from './findTwineLinks.js';
import { scanTwineText } from './scanTwineText.js';
import type { TwineScan } from './scanTwineText.js';
import { renameVars } from './twineNames.js';

/** A link as an option source: where it is written and the converted conditions around it. */
export interface PlacedLink {
  link: TwineLink;
  /** The passage the link is written in (the passage itself, or one it displays). */
  from: ExtweePassage;
  conditions: string[];
  conditionNotes: string[];
}

/** Most levels of `(display:)`/`<<include>>` followed: deeper (or circular) includes are cut. */
export const MAX_INCLUDE_DEPTH = 8;

/**
 * The links of a passage plus those of the passages it displays inline (recursively), each with
 * the converted conditions of the regions around it, in the passage and around each include.
 *
 * @example
 * reachableLinks(passage, byName, scans, valid, warnings, lineOf).map((l) => l.link.target);
 */
export function reachableLinks(
  p: ExtweePassage,
  byName: Map<string, ExtweePassage>,
  scans: Map<string, TwineScan>,
  valid: (e: string, type?: string) => boolean,
  warnings: ImportWarning[],
  lineOf: (p: ExtweePassage, offset: number) => number | undefined,
  depth = 0,
  outer: string[] = [],
  seen = new Set<string>(),
): PlacedLink[] {
  const scan = scans.get(p.name) ?? scanTwineText(p.text);
  const conditionsAt = (offset: number, what: string): { conditions: string[]; notes: string[] } => {
    const around = scan.regions.filter((r) => r.start <= offset && offset < r.end);
    const bad = around.find((r) => !r.expression || !valid(r.expression));
    if (bad)
      return {
        conditions: [...outer],
        notes: [`${bad.source.trim()} around ${what} could not be converted: the option is always shown`],
      };
    const conditions = around.map((r) => renameVars(r.expression!));
    return {
      conditions: [...outer, ...conditions],
      notes: around.length
        ? [`${around.map((r) => r.source.trim()).join(' and ')} became the \`if\` of the option for ${what}`]
        : [],
    };
  };
  const placed: PlacedLink[] = findTwineLinks(p.text).map((link) => {
    const { conditions, notes } = conditionsAt(link.offset, `the link to "${link.target}"`);
    return { link, from: p, conditions, conditionNotes: notes };
  });
  const inner = new Set(seen).add(p.name);
  for (const include of findIncludes(p.text)) {
    const target = byName.get(include.target);
    if (!target || inner.has(include.target) || depth >= MAX_INCLUDE_DEPTH) {
      if (!target)
        warnings.push({
          code: 'broken-link',
          passage: p.name,
          line: lineOf(p, include.offset),
          message: `${include.macro} of "${include.target}", which is not a passage: left out`,
        });
      continue;
    }
    const { conditions } = conditionsAt(include.offset, `"${include.target}"`);
    const links = reachableLinks(target, byName, scans, valid, warnings, lineOf, depth + 1, conditions, inner);
    if (depth === 0)
      warnings.push({
        code: 'mapped',
        passage: p.name,
        line: lineOf(p, include.offset),
        message: `${include.macro} of "${include.target}": its text joins this prompt and its ${links.length} link(s) become options here`,
      });
    placed.push(...links);
  }
  return placed;
}
