import { pointer } from './pointer.js';

export interface DuplicateKey {
  /** Pointer to the repeated member. */
  path: string;
  key: string;
  /** Offset of the repeated key in the text. */
  at: number;
}

export interface JsonTextScan {
  /** Offset of the first `{`/`[` nested deeper than the limit. */
  tooDeepAt?: number;
  duplicates: DuplicateKey[];
}

interface Frame {
  keys?: Set<string>;
  key: string | number;
}

/**
 * One flat pass over text that JSON.parse accepted: finds nesting past `maxDepth` and
 * duplicate keys (which JSON.parse silently collapses, losing e.g. a whole segment).
 * Much cheaper than building a parse tree; the tree is built only to place issues.
 */
export function scanJsonText(text: string, maxDepth: number): JsonTextScan {
  const duplicates: DuplicateKey[] = [];
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = closingQuote(text, i);
      const top = stack[stack.length - 1];
      if (top?.keys && expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (top.keys.has(key))
          duplicates.push({ path: pointer(...stack.slice(0, -1).map((f) => f.key), key), key, at: i });
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (stack.length >= maxDepth) return { tooDeepAt: i, duplicates };
      stack.push(c === 0x7b ? { keys: new Set(), key: '' } : { key: 0 });
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.keys) expectKey = true;
      else if (top) top.key = (top.key as number) + 1;
    }
  }
  return { duplicates };
}

function closingQuote(text: string, open: number): number {
  let at = text.indexOf('"', open + 1);
  while (at !== -1) {
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === 0x5c) slashes++;
    if (slashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return text.length;
}
