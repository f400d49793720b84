import type { StateValue } from '../../core/story/Story.js';

/** Names an Offshoot expression reserves: a Twine variable with one of them becomes `name_`. */
const RESERVED = new Set(['true', 'false', 'visits', '__proto__']);

/**
 * The Offshoot name of a Twine variable (`visits` → `visits_`).
 *
 * @example
 * varName('gold'); // 'gold'
 */
export function varName(twineName: string): string {
  return RESERVED.has(twineName) ? `${twineName}_` : twineName;
}

/**
 * Variable names in a converted expression that are reserved words in Offshoot get a `_`.
 *
 * @example
 * renameVars('visits > 2'); // 'visits_ > 2'
 */
export function renameVars(expression: string): string {
  return expression.replace(/(?<![\w'])(visits|__proto__)(?![\w'])/g, '$1_');
}

/**
 * The value a variable starts at when the story gives it none: by the type of its first literal.
 *
 * @example
 * defaultOf('boolean'); // false
 */
export function defaultOf(type: string | undefined): StateValue {
  return type === 'boolean' ? false : type === 'string' ? '' : 0;
}
