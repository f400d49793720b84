import type { ExtweePassage } from 'extwee';
import { findIncludes } from './findIncludes.js';
import { proseOfPassage } from './proseOfPassage.js';
import { MAX_INCLUDE_DEPTH } from './reachableLinks.js';

/**
 * The prose of a passage with the prose of the passages it displays put where they are displayed.
 *
 * @example
 * proseWithIncludes(passage, byName, false); // 'A hall. The map shows …'
 */
export function proseWithIncludes(
  p: ExtweePassage,
  byName: Map<string, ExtweePassage>,
  chapbook: boolean,
  depth = 0,
  seen = new Set<string>(),
): string {
  let text = p.text;
  const inner = new Set(seen).add(p.name);
  for (const include of findIncludes(p.text).reverse()) {
    const target = byName.get(include.target);
    const shown =
      target && !inner.has(target.name) && depth < MAX_INCLUDE_DEPTH
        ? ` ${proseWithIncludes(target, byName, chapbook, depth + 1, inner)} `
        : ' ';
    text = text.slice(0, include.offset) + shown.replace(/[(<]/g, ' ') + text.slice(include.offset + include.length);
  }
  return proseOfPassage(text, { chapbook });
}
