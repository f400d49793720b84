import { pointer } from './pointer.js';

export interface DuplicateKey {
  /** Pointer to the repeated member. */
  path: string;
  key: string;
  /** Offset of the repeated key in the text. */
  at: number;
}

/** A number literal too large for a double: JSON.parse turns it into ±Infinity. */
export interface NonFiniteNumber {
  /** Pointer to the value. */
  path: string;
  /** The literal as written, e.g. `1e400`. */
  literal: string;
  /** Offset of the literal in the text. */
  at: number;
}

export interface JsonTextScan {
  /** Offset of the first `{`/`[` nested deeper than the limit. */
  tooDeepAt?: number;
  duplicates: DuplicateKey[];
  nonFinite: NonFiniteNumber[];
}

interface Frame {
  keys?: Set<string>;
  key: string | number;
}

/**
 * One flat pass over text that JSON.parse accepted: finds nesting past `maxDepth`, duplicate
 * keys (which JSON.parse silently collapses, losing e.g. a whole segment) and number literals
 * past the largest double (which JSON.parse silently turns into Infinity: `1e400`).
 * Much cheaper than building a parse tree; the tree is built only to place issues.
 *
 * @example
 * scanJsonText('{"a": 1, "a": 1e400}', 64).nonFinite; // [{ path: '/a', literal: '1e400', at: 14 }]
 */
export function scanJsonText(text: string, maxDepth: number): JsonTextScan {
  const duplicates: DuplicateKey[] = [];
  const nonFinite: NonFiniteNumber[] = [];
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
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      // Outside strings, only a number starts with `-` or a digit (the text is valid JSON).
      let end = i + 1;
      let exponent = false;
      for (; end < text.length; end++) {
        const d = text.charCodeAt(end);
        if (d === 0x65 || d === 0x45)
          exponent = true; // e, E
        else if (!((d >= 0x30 && d <= 0x39) || d === 0x2e || d === 0x2b || d === 0x2d)) break; // digits . + -
      }
      // Only an exponent or a literal over 309 digits can overflow: Number() for those alone.
      if (exponent || end - i > 309) {
        const literal = text.slice(i, end);
        if (!Number.isFinite(Number(literal)))
          nonFinite.push({ path: pointer(...stack.map((f) => f.key)), literal, at: i });
      }
      i = end - 1;
    } else if (c === 0x7b || c === 0x5b) {
      if (stack.length >= maxDepth) return { tooDeepAt: i, duplicates, nonFinite };
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
  return { duplicates, nonFinite };
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
