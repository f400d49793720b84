import type { OutputUnit } from '@cfworker/json-schema';
import { Validator } from '@cfworker/json-schema';
import { runtimeSchema } from './runtimeSchema.js';
import { didYouMean } from './didYouMean.js';
import type { IssueList } from './IssueList.js';
import { describe, tokensOf } from './pointer.js';
import { fieldsOf, schemaAt } from './schemaLookup.js';
import { schemaMessage } from './schemaMessage.js';

// Wrapper errors ("Property x does not match schema") repeat what their sub-errors say precisely.
const WRAPPERS = new Set([
  'properties',
  'patternProperties',
  'additionalProperties',
  'items',
  'prefixItems',
  'allOf',
  '$ref',
  'if',
  'propertyNames',
  'unevaluatedProperties',
]);
// Negative times are reported by the timing check as `bad-timing`, with the segment's context.
const TIMING_FIELDS = new Set(['at', 'until', 'from', 'to']);

let validator: Validator | undefined;

/**
 * Check the story's shape against story.schema.json (with @cfworker/json-schema: no eval,
 * so it runs under a strict CSP) and turn the validator's output into `schema` issues that
 * name the field, the segment and what to change. Returns false when any were found.
 */
export function checkSchema(story: unknown, issues: IssueList): boolean {
  validator ??= new Validator(runtimeSchema(), '2020-12', false);
  let result: ReturnType<Validator['validate']>;
  try {
    result = validator.validate(story);
  } catch (error) {
    // The validator URI-encodes keys and throws on lone surrogates (e.g. a key "\ud800").
    issues.add(
      'schema',
      '',
      `the story could not be checked against the schema (${String(error)}): look for keys with invalid characters`,
    );
    return false;
  }
  if (result.valid) return true;
  const skips: { instance: string; prefix: string }[] = [];
  const seen = new Set<string>();
  const before = issues.items.length;
  let owner = '';
  for (const error of result.errors) {
    // A `false` schema reports its instance path as keywordLocation: the wrapper before it says whose.
    if (error.keyword === 'additionalProperties') owner = error.keywordLocation;
    const path = instancePath(error.instanceLocation);
    if (skips.some((s) => path.startsWith(s.instance) && error.keywordLocation.startsWith(s.prefix))) continue;
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
      const chosen = error.keyword === 'anyOf' ? pickBranch(error, valueAt(story, path)) : undefined;
      const branches = (schemaAt(error.keywordLocation) as unknown as unknown[] | undefined) ?? [];
      for (let i = 0; i < Object.keys(branches).length; i++) {
        if (i !== chosen) skips.push({ instance: path, prefix: `${error.keywordLocation}/${i}/` });
      }
      if (chosen !== undefined) continue;
    }
    if (WRAPPERS.has(error.keyword)) continue;
    if (
      (error.keyword === 'minimum' || error.keyword === 'exclusiveMinimum') &&
      TIMING_FIELDS.has(tokensOf(path).pop() ?? '')
    )
      continue;
    const message =
      error.keyword === 'false' ? unknownField(path, owner) : schemaMessage(error, path, valueAt(story, path));
    const key = `${path}\n${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.add('schema', path, message);
  }
  return issues.items.length === before;
}

function unknownField(path: string, ownerLocation: string): string {
  const tokens = tokensOf(path);
  const field = tokens.pop() ?? '';
  const parent =
    tokens.length === 0 ? '' : '/' + tokens.map((t) => t.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
  const owner = schemaAt(ownerLocation.replace(/\/additionalProperties$/, ''));
  const known = fieldsOf(owner).filter((f) => f !== '$schema');
  const guess = didYouMean(field, known);
  const hint = guess
    ? `did you mean \`${guess}\`?`
    : `known fields: ${known.map((f) => `\`${f}\``).join(', ')} (prefix your own with \`x-\`)`;
  return `unknown field \`${field}\` in ${describe(parent)}; ${hint}`;
}

// For `next` (a segment id or a list of routes): report the branch whose type fits the value.
function pickBranch(error: OutputUnit, value: unknown): number | undefined {
  const branches = schemaAt(error.keywordLocation) as unknown as Record<string, Record<string, unknown>> | undefined;
  if (!branches) return undefined;
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const fits = Object.values(branches)
    .map((b, i) => ({ i, type: b.type }))
    .filter((b) => b.type === kind);
  return fits.length === 1 ? fits[0]!.i : undefined;
}

function instancePath(location: string): string {
  const raw = location.replace(/^#/, '');
  try {
    return raw
      .split('/')
      .map((t) => decodeURIComponent(t))
      .join('/');
  } catch {
    return raw;
  }
}

function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const token of tokensOf(path)) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, token)) return undefined;
    value = (value as Record<string, unknown>)[token];
  }
  return value;
}
