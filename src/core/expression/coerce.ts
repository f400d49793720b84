import type { StateValue } from '../story/Story.js';

// The conversions behind every operator. They are total (no NaN, no Infinity, no throw)
// so that `evaluate` can never fail mid-playback; docs/story-format.md states the same rules.

const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;

/** Number view: booleans are 1/0, decimal strings are their number, any other string is 0. */
export function toNumber(value: StateValue): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return DECIMAL.test(value) ? finite(Number(value)) : 0;
}

/** Truth view: 0 and '' are false, everything else true. */
export function toBoolean(value: StateValue): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  return value !== '';
}

/** Text view used by `+` when either side is a string. */
export function toText(value: StateValue): string {
  return typeof value === 'number' ? String(finite(value)) : String(value);
}

/** Arithmetic results that overflow become 0 and -0 becomes 0: every number stays plain. */
export function finite(value: number): number {
  return Number.isFinite(value) && value !== 0 ? value : 0;
}

/** Whether a host value is a StateValue (scopes come from callers and may hold anything). */
export function isStateValue(value: unknown): value is StateValue {
  return (
    typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
  );
}
