import { ExpressionError } from './ExpressionError.js';

export type TokenKind = 'number' | 'string' | 'identifier' | 'operator' | 'end';

/** One lexical token. For `string` tokens `text` is the decoded value; otherwise the source text. */
export interface Token {
  kind: TokenKind;
  text: string;
  value?: number;
  start: number;
  end: number;
}

const OPERATORS = ['<=', '>=', '==', '!=', '&&', '||', '<', '>', '!', '-', '+', '*', '/', '(', ')', '.', '[', ']'];

// Single characters that look like operators from other languages: say what to write instead.
const HINTS: Record<string, string> = {
  '=': 'use `==` to compare (expressions never assign; use `set` for that)',
  '&': 'use `&&` for "and"',
  '|': 'use `||` for "or"',
  '%': 'there is no `%` operator',
};

const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t' };

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isIdentStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdentPart = (c: string): boolean => isIdentStart(c) || isDigit(c);

/**
 * Split an expression into tokens, ending with an `end` token.
 * Throws ExpressionError (with the offending offset) on characters the language does not have.
 *
 * @example
 * tokenize('a >= 2').map((t) => t.text); // ['a', '>=', '2', '']
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (isDigit(c)) {
      i = readNumber(source, i, tokens);
    } else if (c === "'" || c === '"') {
      i = readString(source, i, tokens);
    } else if (isIdentStart(c)) {
      const start = i;
      while (i < source.length && isIdentPart(source.charAt(i))) i++;
      tokens.push({ kind: 'identifier', text: source.slice(start, i), start, end: i });
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (!op) {
        const hint = HINTS[c];
        throw new ExpressionError(`unexpected character \`${c}\`${hint ? `: ${hint}` : ''}`, i);
      }
      tokens.push({ kind: 'operator', text: op, start: i, end: i + op.length });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', text: '', start: source.length, end: source.length });
  return tokens;
}

function readNumber(source: string, start: number, tokens: Token[]): number {
  let i = start;
  while (i < source.length && isDigit(source.charAt(i))) i++;
  if (source.charAt(i) === '.' && isDigit(source.charAt(i + 1))) {
    i++;
    while (i < source.length && isDigit(source.charAt(i))) i++;
  }
  const text = source.slice(start, i);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new ExpressionError(`number \`${text.slice(0, 20)}…\` is too large`, start);
  tokens.push({ kind: 'number', text, value, start, end: i });
  return i;
}

function readString(source: string, start: number, tokens: Token[]): number {
  const quote = source.charAt(start);
  let i = start + 1;
  let text = '';
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === quote) {
      tokens.push({ kind: 'string', text, start, end: i + 1 });
      return i + 1;
    }
    if (c === '\\') {
      const escaped = ESCAPES[source.charAt(i + 1)];
      if (escaped === undefined) {
        throw new ExpressionError('unknown escape in string: use \\\\, \\\', \\", \\n or \\t', i);
      }
      text += escaped;
      i += 2;
    } else {
      text += c;
      i++;
    }
  }
  throw new ExpressionError(`string is not closed: add the closing ${quote}`, start);
}
