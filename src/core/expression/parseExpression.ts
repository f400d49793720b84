import { ExpressionError } from './ExpressionError.js';
import type { BinaryOperator, ExpressionNode } from './ExpressionNode.js';
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH } from './limits.js';
import type { Token } from './tokenize.js';
import { tokenize } from './tokenize.js';

// Binary levels, loosest first. Comparison levels are non-associative: `a < b < c`
// is almost always a mistake, so it is an error rather than JavaScript's surprise.
const LEVELS: { ops: BinaryOperator[]; chain: boolean }[] = [
  { ops: ['||'], chain: true },
  { ops: ['&&'], chain: true },
  { ops: ['==', '!='], chain: false },
  { ops: ['<', '<=', '>', '>='], chain: false },
  { ops: ['+', '-'], chain: true },
  { ops: ['*', '/'], chain: true },
];

/**
 * Parse an expression into its syntax tree (hand-written recursive descent, never eval).
 * Throws ExpressionError for bad syntax, too-long sources and too-deep nesting.
 *
 * @example
 * parseExpression('visits.cave > 0 && !brave').kind; // 'binary'
 */
export function parseExpression(source: string): ExpressionNode {
  if (typeof source !== 'string') throw new ExpressionError('an expression must be a string', 0);
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(
      `expression is longer than ${MAX_EXPRESSION_LENGTH} characters: split the logic into variables`,
      MAX_EXPRESSION_LENGTH,
    );
  }
  if (source.trim() === '') throw new ExpressionError('expression is empty', 0);
  return new Parser(tokenize(source)).parseAll();
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parseAll(): ExpressionNode {
    const node = this.parseLevel(0);
    const next = this.peek();
    if (next.kind !== 'end')
      throw new ExpressionError(`unexpected \`${next.text}\`: expected an operator or the end`, next.start);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
  }

  private take(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private isOperator(text: string): boolean {
    const token = this.peek();
    return token.kind === 'operator' && token.text === text;
  }

  private enter(at: number): void {
    if (++this.depth > MAX_EXPRESSION_DEPTH) {
      throw new ExpressionError(`expression nests deeper than ${MAX_EXPRESSION_DEPTH} levels`, at);
    }
  }

  private parseLevel(level: number): ExpressionNode {
    const spec = LEVELS[level];
    if (!spec) return this.parseUnary();
    let left = this.parseLevel(level + 1);
    let chained = false;
    for (;;) {
      const token = this.peek();
      const op = token.kind === 'operator' ? spec.ops.find((o) => o === token.text) : undefined;
      if (!op) return left;
      if (chained && !spec.chain) {
        throw new ExpressionError(
          `\`${op}\` cannot follow another comparison: combine them with && or ||`,
          token.start,
        );
      }
      this.take();
      const right = this.parseLevel(level + 1);
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
      chained = true;
    }
  }

  private parseUnary(): ExpressionNode {
    const token = this.peek();
    if (token.kind === 'operator' && (token.text === '!' || token.text === '-')) {
      this.enter(token.start);
      this.take();
      const operand = this.parseUnary();
      this.depth--;
      return { kind: 'unary', op: token.text, operand, start: token.start, end: operand.end };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): ExpressionNode {
    const token = this.take();
    switch (token.kind) {
      case 'number':
        return { kind: 'literal', value: token.value ?? 0, start: token.start, end: token.end };
      case 'string':
        return { kind: 'literal', value: token.text, start: token.start, end: token.end };
      case 'identifier':
        return this.parseIdentifier(token);
      case 'end':
        throw new ExpressionError('expression ends too early: expected a value', token.start);
      default:
        if (token.text === '(') return this.parseGroup(token);
        throw new ExpressionError(`unexpected \`${token.text}\`: expected a value`, token.start);
    }
  }

  private parseGroup(open: Token): ExpressionNode {
    this.enter(open.start);
    const inner = this.parseLevel(0);
    this.depth--;
    const close = this.take();
    if (close.kind !== 'operator' || close.text !== ')') {
      throw new ExpressionError(`expected \`)\` to close the \`(\` at ${open.start}`, close.start);
    }
    return { ...inner, start: open.start, end: close.end };
  }

  private parseIdentifier(token: Token): ExpressionNode {
    if (token.text === 'true' || token.text === 'false') {
      return { kind: 'literal', value: token.text === 'true', start: token.start, end: token.end };
    }
    if (token.text !== 'visits') return { kind: 'variable', name: token.text, start: token.start, end: token.end };
    if (this.isOperator('.')) {
      this.take();
      const id = this.take();
      if ((id.kind !== 'identifier' && id.kind !== 'number') || id.start !== this.tokens[this.index - 2]!.end) {
        throw new ExpressionError('expected a segment id right after `visits.`', id.start);
      }
      return {
        kind: 'visits',
        segment: this.readIdTail(id),
        start: token.start,
        end: this.tokens[this.index - 1]!.end,
      };
    }
    if (this.isOperator('[')) {
      this.take();
      const id = this.take();
      const close = this.take();
      if (id.kind !== 'string' || close.text !== ']') {
        throw new ExpressionError(
          "expected a quoted segment id and `]` after `visits[`, e.g. visits['forest-path']",
          id.start,
        );
      }
      return { kind: 'visits', segment: id.text, start: token.start, end: close.end };
    }
    throw new ExpressionError(
      "`visits` must be followed by a segment id: visits.intro or visits['forest-path']",
      token.end,
    );
  }

  // `visits.2b` tokenizes as number `2` + identifier `b`: glue adjacent tokens back into one id.
  private readIdTail(first: Token): string {
    let id = first.text;
    let end = first.end;
    for (;;) {
      const next = this.peek();
      if (next.start !== end || (next.kind !== 'identifier' && next.kind !== 'number') || next.text.includes('.'))
        return id;
      id += next.text;
      end = next.end;
      this.take();
    }
  }
}

/** Names that cannot be state variables because the expression language uses them. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['true', 'false', 'visits', '__proto__']);
