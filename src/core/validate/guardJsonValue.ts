import type { IssueList } from './IssueList.js';
import { MAX_JSON_DEPTH, MAX_STORY_CHARACTERS } from './limits.js';
import { pointer } from './pointer.js';
import { tooLarge } from './tooLarge.js';

interface Item {
  value: unknown;
  key: string;
  parent: Item | undefined;
  depth: number;
}

// Keys with lone surrogates cannot be written as URIs, which the schema validator does.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Check, without recursion, that a value given as an object is plain JSON no deeper than
 * MAX_JSON_DEPTH: no undefined, functions, symbols, bigints, NaN/Infinity or cycles. The later
 * checks (and the schema validator, which throws on undefined) may then walk it safely.
 * Its size is counted as the text check counts it (MAX_STORY_CHARACTERS: strings and keys,
 * one per value), stopping as soon as it is over. Returns false (with a `schema` issue) when it is not.
 */
export function guardJsonValue(root: unknown, issues: IssueList): boolean {
  const stack: Item[] = [{ value: root, key: '', parent: undefined, depth: 0 }];
  let size = 0;
  while (stack.length > 0) {
    const item = stack.pop()!;
    const { value, depth } = item;
    const type = typeof value;
    size += 1 + item.key.length + (type === 'string' ? (value as string).length : 0);
    if (size > MAX_STORY_CHARACTERS) {
      issues.add('schema', '', `${tooLarge(size)} (counted up to ${pathOf(item) || 'the story'})`);
      return false;
    }
    if (type === 'string' || type === 'boolean' || value === null || (type === 'number' && Number.isFinite(value)))
      continue;
    const fail = (what: string): false => {
      const at = pathOf(item);
      issues.add('schema', at, `${at === '' ? 'the story' : `\`${at.slice(1)}\``} ${what}`);
      return false;
    };
    if (type === 'number') return fail(`is ${String(value)}, which JSON cannot hold: use a finite number`);
    if (type !== 'object')
      return fail(`is ${type === 'undefined' ? 'undefined' : `a ${type}`}, which JSON cannot hold: remove it`);
    if (depth >= MAX_JSON_DEPTH)
      return fail(`nests deeper than ${MAX_JSON_DEPTH} levels (or is part of a cycle): a story is a few levels deep`);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++)
        stack.push({ value: value[i], key: String(i), parent: item, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value as object)) {
      if (LONE_SURROGATE.test(key))
        return fail(`has a key with an invalid character (a lone UTF-16 surrogate): rename it`);
      stack.push({ value: (value as Record<string, unknown>)[key], key, parent: item, depth: depth + 1 });
    }
  }
  return true;
}

function pathOf(item: Item): string {
  const keys: string[] = [];
  for (let at: Item | undefined = item; at?.parent; at = at.parent) keys.unshift(at.key);
  return pointer(...keys);
}
