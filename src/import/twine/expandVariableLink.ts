/** One passage a variable link can lead to, and the condition under which it does. */
export interface VariableLinkTarget {
  target: string;
  label: string;
  /** Offshoot expression, e.g. `colour == 'Red'`. */
  condition: string;
  variables: string[];
}

/** Most combinations of values tried for one link (several variables multiply). */
const MAX_COMBINATIONS = 64;

/**
 * A link whose target is computed from variables (`[[$colour door]]`) leads to one passage per
 * value those variables are given: each value a story `set`s as a string literal is put in, and
 * the targets that name a passage become options guarded by the values. Returns an empty list
 * when no value is known or none names a passage (the importer then reports the link).
 *
 * @example
 * expandVariableLink('$colour door', '$colour door', new Map([['colour', new Set(['Red', 'Blue'])]]), new Set(['Red door']));
 * // [{ target: 'Red door', label: 'Red door', condition: "colour == 'Red'", variables: ['colour'] }]
 */
export function expandVariableLink(
  target: string,
  label: string,
  values: Map<string, Set<string>>,
  passages: Set<string>,
): VariableLinkTarget[] {
  const variables = [...new Set([...target.matchAll(/\$([A-Za-z_]\w*)/g)].map((m) => m[1]!))];
  if (variables.length === 0 || variables.some((v) => !values.get(v)?.size)) return [];
  let combinations: Record<string, string>[] = [{}];
  for (const v of variables) {
    combinations = combinations.flatMap((c) => [...values.get(v)!].map((value) => ({ ...c, [v]: value })));
    if (combinations.length > MAX_COMBINATIONS) return [];
  }
  const fill = (text: string, c: Record<string, string>) =>
    text.replace(/\$([A-Za-z_]\w*)/g, (m, v: string) => c[v] ?? m);
  return combinations
    .map((c) => ({
      target: fill(target, c),
      label: fill(label, c),
      condition: variables.map((v) => `${v} == '${c[v]!.replace(/[\\']/g, '\\$&')}'`).join(' && '),
      variables,
    }))
    .filter((t) => passages.has(t.target));
}

/**
 * The string values each variable is given by a literal set anywhere in the story.
 *
 * @example
 * stringValues([{ variable: 'colour', literal: 'Red' }]).get('colour'); // Set { 'Red' }
 */
export function stringValues(sets: Iterable<{ variable: string; literal?: unknown }>): Map<string, Set<string>> {
  const values = new Map<string, Set<string>>();
  for (const set of sets)
    if (typeof set.literal === 'string')
      values.set(set.variable, (values.get(set.variable) ?? new Set()).add(set.literal));
  return values;
}
