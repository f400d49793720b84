import type { ExtweePassage } from 'extwee';
import type { ImportWarning } from '../ImportReport.js';
import type { expandVariableLink } from './expandVariableLink.js';
import type { TwineLink } from './findTwineLinks.js';
import type { PlacedLink } from './reachableLinks.js';

/**
 * A link whose target is a variable becomes one link per passage its known values name, each
 * under the condition that the variable holds that value; when none is known it is reported
 * (`variable-link`) and left out. Any other link is returned as it is.
 *
 * @example
 * links.flatMap((placed) => placedVariableLinks(placed, names, expandLink, valid, warnings, lineOf));
 */
export function placedVariableLinks(
  placed: PlacedLink,
  names: Set<string>,
  expandLink: (link: TwineLink) => ReturnType<typeof expandVariableLink>,
  valid: (e: string, type?: string) => boolean,
  warnings: ImportWarning[],
  lineOf: (p: ExtweePassage, offset: number) => number | undefined,
): PlacedLink[] {
  const { link, from } = placed;
  if (names.has(link.target) || !/\$[A-Za-z_]/.test(link.target)) return [placed];
  const targets = expandLink(link).filter((t) => valid(t.condition, 'boolean'));
  warnings.push({
    code: 'variable-link',
    passage: from.name,
    line: lineOf(from, link.offset),
    message: targets.length
      ? `link to "${link.target}" became ${targets.length} option(s), one per value set in the story that names a passage: ${targets.map((t) => `"${t.target}" if ${t.condition}`).join(', ')}`
      : `link to "${link.target}" is computed from variables whose values are not known from literal sets (or name no passage): left out`,
  });
  return targets.map((t) => ({
    ...placed,
    link: { ...link, target: t.target, label: t.label },
    conditions: [...placed.conditions, t.condition],
  }));
}
