// How the sets that travel with a link (inside its hook, or SugarCube's setter) become its
// option's `set`, with a report line for each one mapped or dropped.
import type { ExtweePassage } from 'extwee';
import type { StateValue } from '../../core/story/Story.js';
import type { ImportWarning } from '../ImportReport.js';
import type { TwineLink } from './findTwineLinks.js';
import { scanTwineText } from './scanTwineText.js';
import type { TwineScan, TwineSet } from './scanTwineText.js';
import { renameVars, varName } from './twineNames.js';

/** The sets inside the `(link:)` hook or `<<link>>` block that holds a `(goto:)`: they run when that link is clicked. */
export function setsInHook(scan: TwineScan, link: TwineLink): TwineSet[] {
  const hook = link.hook;
  return hook ? scan.sets.filter((s) => hook[0] <= s.offset && s.offset < hook[1]) : [];
}

/** Those sets as the option's `set`, when each converts and is the only set of its variable there. */
export function hookSets(
  scan: TwineScan,
  link: TwineLink,
  state: Record<string, StateValue>,
  valid: (e: string, type?: string) => boolean,
  warnings: ImportWarning[],
  p: ExtweePassage,
  lineOf: (p: ExtweePassage, offset: number) => number | undefined,
): Record<string, string> {
  const sets: Record<string, string> = {};
  for (const set of setsInHook(scan, link)) {
    const name = varName(set.variable);
    const line = lineOf(p, set.offset);
    if (set.expression && name in state && !(name in sets) && valid(set.expression, typeof state[name])) {
      sets[name] = renameVars(set.expression);
      warnings.push({
        code: 'mapped',
        passage: p.name,
        line,
        message: `${set.source} in the link "${link.label}" became \`set: { ${name}: "${sets[name]}" }\` of its option`,
      });
    } else
      warnings.push({
        code: 'macro',
        passage: p.name,
        line,
        message: `${set.source} in the link "${link.label}" could not be mapped: not carried over`,
      });
  }
  return sets;
}

/** SugarCube's `[[text|target][$x to 1]]` setter, as option sets. */
export function setterOf(
  link: TwineLink,
  state: Record<string, StateValue>,
  valid: (e: string, type?: string) => boolean,
  warnings: ImportWarning[],
  passage: string,
  line: number | undefined,
): Record<string, string> {
  if (link.setter === undefined) return {};
  const scan = scanTwineText(`<<set ${link.setter}>>`);
  const set = scan.sets[0];
  const name = set && varName(set.variable);
  if (set?.expression && name && name in state && valid(set.expression, typeof state[name])) {
    warnings.push({
      code: 'mapped',
      passage,
      line,
      message: `setter [${link.setter}] became \`set: { ${name}: "${renameVars(set.expression)}" }\``,
    });
    return { [name]: renameVars(set.expression) };
  }
  warnings.push({
    code: 'macro',
    passage,
    line,
    message: `setter [${link.setter}] on the link to "${link.target}" could not be mapped: not carried over`,
  });
  return {};
}
