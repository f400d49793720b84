import type { StateValue } from '../../core/index.js';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `{name}` with the variable's value; unknown names stay as written (the validator
 * reports them to the author, the renderer just sees the braces).
 *
 * @example
 * fillPlaceholders('a {colour} fox', { colour: 'red' }); // 'a red fox'
 */
export function fillPlaceholders(text: string, vars: Record<string, StateValue>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : whole));
}

/**
 * The variable names a text's `{name}` placeholders read.
 *
 * @example
 * placeholderNames('{who} meets {who} and {what}'); // ['who', 'what']
 */
export function placeholderNames(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}
