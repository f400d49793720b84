import type { GenerateSpec, StateValue } from '../../core/index.js';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The `{var}` names a spec's text fields refer to, in first-use order. */
export function placeholdersOf(spec: GenerateSpec): string[] {
  const names: string[] = [];
  const texts = [
    spec.prompt,
    spec.style ?? '',
    ...(spec.characters ?? []).flatMap((c) => [c.name, c.kind ?? '', c.color ?? '']),
  ];
  for (const text of texts) {
    for (const m of text.matchAll(PLACEHOLDER)) if (!names.includes(m[1]!)) names.push(m[1]!);
  }
  return names;
}

function fill(text: string, state: Readonly<Record<string, StateValue>>, where: string): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(state, name)) {
      const known = Object.keys(state).join(', ') || 'none';
      throw new Error(`${where}: placeholder {${name}} has no value in state (state has: ${known})`);
    }
    return String(state[name]);
  });
}

/**
 * The spec with every `{var}` placeholder in prompt, style and characters filled from
 * state. Throws naming the field and the variable when a placeholder has no value.
 *
 * @example
 * resolveSpec({ prompt: 'A {foxColor} fox', characters: [{ name: 'fox', color: '{foxColor}' }] }, { foxColor: 'red' });
 * // { prompt: 'A red fox', characters: [{ name: 'fox', color: 'red' }] }
 */
export function resolveSpec(spec: GenerateSpec, state: Readonly<Record<string, StateValue>>): GenerateSpec {
  const out: GenerateSpec = { ...spec, prompt: fill(spec.prompt, state, 'generate.prompt') };
  if (spec.style !== undefined) out.style = fill(spec.style, state, 'generate.style');
  if (spec.characters) {
    out.characters = spec.characters.map((c, i) => {
      const where = `generate.characters[${i}]`;
      return {
        ...c,
        name: fill(c.name, state, `${where}.name`),
        ...(c.kind !== undefined ? { kind: fill(c.kind, state, `${where}.kind`) } : {}),
        ...(c.color !== undefined ? { color: fill(c.color, state, `${where}.color`) } : {}),
      };
    });
  }
  return out;
}

/**
 * The state variables that shape this spec's rendition, sorted by name: those listed in
 * `uses`, or else those its placeholders name. Two viewers whose relevant state matches
 * get the same rendition, so this is what goes into the rendition key.
 *
 * @example
 * relevantState({ prompt: 'A {foxColor} fox' }, { foxColor: 'red', score: 3 }); // { foxColor: 'red' }
 */
export function relevantState(
  spec: GenerateSpec,
  state: Readonly<Record<string, StateValue>>,
): Record<string, StateValue> {
  const names = spec.uses ?? placeholdersOf(spec);
  const out: Record<string, StateValue> = {};
  for (const name of [...names].sort()) {
    if (!Object.prototype.hasOwnProperty.call(state, name)) {
      const known = Object.keys(state).join(', ') || 'none';
      throw new Error(`generate.uses: variable "${name}" has no value in state (state has: ${known})`);
    }
    out[name] = state[name]!;
  }
  return out;
}
