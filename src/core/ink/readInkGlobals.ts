import type { Story as InkRuntime } from 'inkjs';
import type { StateValue } from '../story/Story.js';

/** Names an Offshoot expression reserves: an ink global with one of them is read as `name_`. */
const RESERVED = new Set(['true', 'false', 'visits', '__proto__']);

/**
 * An ink story's global variables as Offshoot state values, through inkjs's public API
 * (`variablesState` lists its globals as keys; `$(name)` reads one). Ints, floats, bools and
 * strings are kept as they are; a LIST value or a divert target becomes its text (`"Kettle, Tea"`),
 * so that the player, Storybook and `{var}` prompts can still show it. A global named like an
 * expression keyword (`visits`, `true`) is read as `visits_`.
 *
 * @example
 * readInkGlobals(runtime); // { forceful: 0, evasive: 0, teacup: false, … }
 */
export function readInkGlobals(runtime: InkRuntime): Record<string, StateValue> {
  const variables = runtime.variablesState;
  const globals: Record<string, StateValue> = {};
  for (const name of Object.keys(variables).sort()) {
    const value: unknown = variables.$(name);
    globals[RESERVED.has(name) ? `${name}_` : name] =
      typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string'
        ? value
        : value === null || value === undefined
          ? ''
          : String(value);
  }
  return globals;
}
