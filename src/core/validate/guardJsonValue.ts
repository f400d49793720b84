import type { IssueList } from './IssueList.js';
import { MAX_JSON_DEPTH } from './limits.js';
import { pointer } from './pointer.js';

/**
 * Check, without recursion, that a value given as an object is plain JSON no deeper than
 * MAX_JSON_DEPTH: no undefined, functions, symbols, bigints, NaN/Infinity or cycles. The later
 * checks (and the schema validator, which throws on undefined) may then walk it safely.
 * Returns false (with a `schema` issue) when it is not.
 */
export function guardJsonValue(root: unknown, issues: IssueList): boolean {
  const stack: { value: unknown; path: string[]; depth: number }[] = [{ value: root, path: [], depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    const type = typeof value;
    if (type === 'string' || type === 'boolean' || value === null) continue;
    const at = (): string => pointer(...path);
    if (type === 'number') {
      if (Number.isFinite(value)) continue;
      issues.add('schema', at(), `${where(at())} is ${String(value)}, which JSON cannot hold: use a finite number`);
      return false;
    }
    if (type !== 'object') {
      issues.add('schema', at(), `${where(at())} is a ${type === 'undefined' ? 'undefined value' : type}, which JSON cannot hold: remove it`);
      return false;
    }
    if (depth >= MAX_JSON_DEPTH) {
      issues.add('schema', at(), `the story nests deeper than ${MAX_JSON_DEPTH} levels at ${where(at())}: a story is a few levels deep; remove the nesting (or a cycle)`);
      return false;
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as object);
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key], depth: depth + 1 });
  }
  return true;
}

const where = (at: string): string => (at === '' ? 'the story' : `\`${at.slice(1)}\``);
