import type { OutputUnit } from '@cfworker/json-schema';
import { describe, tokensOf } from './pointer.js';
import { schemaAt } from './schemaLookup.js';

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  integer: 'a whole number',
  string: 'a string',
  boolean: 'true/false',
  object: 'an object { … }',
  array: 'a list [ … ]',
  null: 'null',
};

const ID_RULES: Record<string, string> = {
  segments: 'a segment id is 1 to 128 letters, digits, `_` or `-` (not `__proto__`)',
  state:
    'a variable name starts with a letter or `_`, then letters, digits or `_`; `true`, `false`, `visits` and `__proto__` are reserved',
  set: 'a variable name starts with a letter or `_`, then letters, digits or `_`; `true`, `false`, `visits` and `__proto__` are reserved',
};

/**
 * One validator error as a sentence an author can act on: which field, where, what to change.
 *
 * @example
 * // { keyword: 'required', error: 'Instance does not have required property "duration".' } at /segments/intro
 * // → 'segment intro: missing required field `duration`'
 */
export function schemaMessage(error: OutputUnit, path: string, value: unknown): string {
  const tokens = tokensOf(path);
  const field = tokens[tokens.length - 1] ?? '';
  const parentPath = path.slice(0, Math.max(0, path.lastIndexOf('/')));
  const fieldIn = tokens.length === 0 ? 'the story' : `\`${field}\` in ${describe(parentPath)}`;
  if (error.keywordLocation.includes('/propertyNames')) {
    const map = tokens[tokens.length - 2] ?? '';
    return `name \`${field}\` in ${describe(parentPath)} is not allowed: ${ID_RULES[map] ?? 'rename it'}`;
  }
  switch (error.keyword) {
    case 'required': {
      const missing = /"(.*)"/.exec(error.error)?.[1] ?? '?';
      return `${describe(path)}: missing required field \`${missing}\``;
    }
    case 'type': {
      const expected = (/Expected "(.*)"/.exec(error.error)?.[1] ?? '').split('", "').map((t) => TYPE_NAMES[t] ?? t);
      const choices =
        expected.length > 1 ? `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1]}` : expected[0];
      return `${fieldIn} must be ${choices}, not ${actualType(value)}`;
    }
    case 'const':
      if (field === 'offshoot') return '`offshoot` must be 1: this is story format version 1';
      if (field === 'end') return `${fieldIn} must be true; leave \`end\` out if the segment does not end the story`;
      return `${fieldIn} must be ${JSON.stringify(schemaAt(error.keywordLocation))}`;
    case 'anyOf':
      return `${fieldIn} must be a segment id or a list of routes [{ "if": "…", "to": "…" }, { "to": "…" }], not ${actualType(value)}`;
    case 'pattern':
      return `${fieldIn} must be ${/segments|next|\/to$/.test(path) ? 'a segment id (1 to 128 letters, digits, `_` or `-`)' : 'a variable name (a letter or `_`, then letters, digits or `_`)'}, not ${JSON.stringify(value)}`;
    case 'minLength':
      return `${fieldIn} must not be empty`;
    case 'minItems':
      return `${fieldIn} needs at least one ${field === 'options' ? 'option' : field === 'next' ? 'route' : 'item'}`;
    case 'minProperties':
      return `${fieldIn} needs at least one ${field === 'segments' ? 'segment' : 'entry'}`;
    case 'exclusiveMinimum':
      return `${fieldIn} must be greater than 0${field === 'duration' ? ' (seconds)' : ''}`;
    case 'minimum':
      return `${fieldIn} must not be negative`;
    default:
      return `${fieldIn}: ${error.error}`;
  }
}

function actualType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${String(value)}`;
  return TYPE_NAMES[typeof value] ?? typeof value;
}
