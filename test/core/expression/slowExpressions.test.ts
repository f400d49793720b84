// Expressions built to be slow or to blow up: deep nesting, long chains, huge numbers, many
// variables, pathological tokenizer input, strings that double on every loop. Each is either
// refused by a documented limit (an ExpressionError with its position; through the validator,
// a `bad-expression` naming the segment and JSON path) or evaluated with bounded results.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../../src/core/expression/compileExpression.js';
import { ExpressionError } from '../../../src/core/expression/ExpressionError.js';
import {
  MAX_EXPRESSION_DEPTH,
  MAX_EXPRESSION_LENGTH,
  MAX_STRING_VALUE_LENGTH,
} from '../../../src/core/expression/limits.js';
import { validateStory } from '../../../src/core/validate/validateStory.js';

const base = JSON.parse(readFileSync('test/fixtures/stories/valid/fox-and-cave.json', 'utf8')) as {
  state: Record<string, unknown>;
  segments: Record<string, { next?: { if?: string }[]; choice?: { options: { set?: Record<string, string> }[] } }>;
};

function refused(source: string): ExpressionError {
  try {
    compileExpression(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error(`compiled: ${source.slice(0, 40)}`);
}

/** The validator's report for the fox story with the cave route's `if` replaced. */
function routeIf(source: string, state: Record<string, unknown> = base.state) {
  const story = structuredClone(base);
  story.state = state;
  story.segments.cave!.next![0]!.if = source;
  return validateStory(story);
}

describe('expressions past the limits are refused with a position', () => {
  it.each([
    ['parentheses', '('.repeat(450) + '1' + ')'.repeat(450), MAX_EXPRESSION_DEPTH],
    ['negations', '!'.repeat(999) + 'a', MAX_EXPRESSION_DEPTH - 1],
    ['minus signs', '-'.repeat(999) + '1', MAX_EXPRESSION_DEPTH - 1],
    ['mixed', '(!-'.repeat(300) + '1', MAX_EXPRESSION_DEPTH - 1],
  ])('deep %s: a depth error at the first level past the limit', (_, source, at) => {
    const error = refused(source);
    expect(error.message).toBe(`expression nests deeper than ${MAX_EXPRESSION_DEPTH} levels`);
    expect(error.position).toBeGreaterThanOrEqual(at);
    expect(error.position).toBeLessThan(source.length);
  });

  it('a source longer than the limit is refused before it is tokenized (even 50 MB)', () => {
    const error = refused('a'.repeat(50_000_000));
    expect(error.message).toContain(`longer than ${MAX_EXPRESSION_LENGTH} characters`);
    expect(error.position).toBe(MAX_EXPRESSION_LENGTH);
  });

  it.each([
    ['a 400-digit number', '9'.repeat(400), /^number `9{20}…` is too large$/],
    ['an unclosed string of quotes', `'${"\\'".repeat(400)}`, /^string is not closed/],
    ['a run of unknown characters', '#'.repeat(900), /^unexpected character `#`/],
    ['operators with no operands', '&&'.repeat(400), /^unexpected `&&`: expected a value$/],
    [
      'a chain of comparisons',
      Array.from({ length: 150 }, (_, i) => `a${i}`).join('<'),
      /cannot follow another comparison/,
    ],
  ])('%s', (_, source, message) => {
    expect(refused(source).message).toMatch(message);
  });
});

describe('long but legal expressions evaluate to bounded values', () => {
  it('a chain of 200 additions of 200 different variables', () => {
    const names = Array.from({ length: 200 }, (_, i) => `v${i}`);
    const source = names.join('+');
    expect(source.length).toBeLessThanOrEqual(MAX_EXPRESSION_LENGTH);
    const vars = Object.fromEntries(names.map((n, i) => [n, i]));
    expect(compileExpression(source).evaluate({ vars, visits: {} })).toBe((199 * 200) / 2);
  });

  it('products that overflow come out as 0, never Infinity or NaN', () => {
    const source = Array(110).fill('999999').join('*');
    expect(compileExpression(source).evaluate({ vars: {}, visits: {} })).toBe(0);
    expect(compileExpression('1/0 + 0/0').evaluate({ vars: {}, visits: {} })).toBe(0);
  });

  it(`string joins stop at ${MAX_STRING_VALUE_LENGTH} characters: a value doubled 40 times stays bounded`, () => {
    const double = compileExpression('s + s');
    let s = 'ab';
    for (let i = 0; i < 40; i++) s = double.evaluate({ vars: { s }, visits: {} }) as string;
    expect(s).toHaveLength(MAX_STRING_VALUE_LENGTH);
    expect(s.startsWith('abab')).toBe(true);
  });
});

describe('through the validator, a slow expression is reported at its JSON path', () => {
  it('too deep: bad-expression naming the route, segment and character', () => {
    const report = routeIf('('.repeat(100) + 'brave' + ')'.repeat(100));
    expect(report.valid).toBe(false);
    expect(report.errors[0]).toMatchObject({
      code: 'bad-expression',
      path: '/segments/cave/next/0/if',
      segment: 'cave',
    });
    expect(report.errors[0]!.message).toMatch(
      /^`if` of route 1 of segment cave: expression nests deeper than 64 levels \(character 65 of "\({57}…"\)/,
    );
  });

  it('too long: bad-expression with the limit', () => {
    const report = routeIf('brave || '.repeat(200) + 'brave');
    expect(report.errors[0]).toMatchObject({ code: 'bad-expression', path: '/segments/cave/next/0/if' });
    expect(report.errors[0]!.message).toContain(`longer than ${MAX_EXPRESSION_LENGTH} characters`);
  });

  it("150 undeclared variables: one issue per name, all at the expression's path", () => {
    const names = Array.from({ length: 150 }, (_, i) => `u${i}`);
    const report = routeIf(names.join('||'));
    const unknown = report.errors.filter((e) => e.code === 'unknown-variable');
    expect(unknown).toHaveLength(150);
    expect(unknown.every((e) => e.path === '/segments/cave/next/0/if')).toBe(true);
  });

  it('3000 declared variables used in one expression each: valid', () => {
    const state = { ...base.state, ...Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`w${i}`, i])) };
    const report = routeIf(Array.from({ length: 60 }, (_, i) => `w${i * 50}>0`).join('&&'), state);
    expect(report.errors).toEqual([]);
  });
});
