import type { StateValue } from '../../src/core/story/Story.js';

/** Storybook argTypes/args: one control per story variable, typed like its initial value. */
export interface VariableArgs {
  args: Record<string, StateValue>;
  argTypes: Record<
    string,
    {
      control: { type: 'boolean' | 'number' | 'text' };
      type: { name: 'boolean' | 'number' | 'string' };
      description: string;
      table: { category: string };
    }
  >;
}

/**
 * Controls for the story's declared `state` (read from the raw file, so an invalid story
 * still lists them).
 *
 * @example
 * variableArgs({ state: { lantern: false, courage: 0 } }).argTypes.courage.control.type; // 'number'
 */
export function variableArgs(raw: unknown): VariableArgs {
  const state =
    typeof raw === 'object' && raw !== null && 'state' in raw ? (raw as { state: unknown }).state : undefined;
  const out: VariableArgs = { args: {}, argTypes: {} };
  if (typeof state !== 'object' || state === null) return out;
  for (const [name, value] of Object.entries(state)) {
    const kind =
      typeof value === 'boolean'
        ? 'boolean'
        : typeof value === 'number'
          ? 'number'
          : typeof value === 'string'
            ? 'string'
            : undefined;
    if (!kind) continue;
    out.args[name] = value as StateValue;
    out.argTypes[name] = {
      control: { type: kind === 'string' ? 'text' : kind },
      type: { name: kind },
      description: `State variable (declared ${JSON.stringify(value)})`,
      table: { category: 'state' },
    };
  }
  return out;
}

/**
 * The variables among a story's args, coerced to their declared types (URL args arrive as text).
 *
 * @example
 * pickVariables({ lantern: 'true', _segment: 'forest' }, { lantern: false }); // { lantern: true }
 */
export function pickVariables(
  args: Record<string, unknown>,
  declared: Record<string, StateValue>,
): Record<string, StateValue> {
  const out: Record<string, StateValue> = {};
  for (const [name, initial] of Object.entries(declared)) {
    const value = args[name];
    if (value === undefined) continue;
    if (typeof initial === 'boolean') out[name] = value === true || value === 'true';
    else if (typeof initial === 'number') out[name] = Number.isFinite(Number(value)) ? Number(value) : initial;
    else out[name] = String(value);
  }
  return out;
}
