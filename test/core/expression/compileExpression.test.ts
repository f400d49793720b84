import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../../src/core/expression/compileExpression.js';
import type { ExpressionScope } from '../../../src/core/expression/compileExpression.js';
import { ExpressionError } from '../../../src/core/expression/ExpressionError.js';
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH } from '../../../src/core/expression/limits.js';

const scope: ExpressionScope = {
  vars: { courage: 3, brave: true, name: 'Fox', empty: '', zero: 0, digits: '12' },
  visits: { intro: 1, cave: 2, 'forest-path': 4, '2b': 5 },
};
const run = (source: string, s: ExpressionScope = scope) => compileExpression(source).evaluate(s);

function errorOf(source: string): ExpressionError {
  try {
    compileExpression(source);
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw new Error(`threw something else: ${String(error)}`, { cause: error });
  }
  throw new Error(`compiled: ${source}`);
}

describe('compileExpression: grammar and precedence', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['8 / 4 / 2', 1],
    ['-2 * -3', 6],
    ['1.5 + 0.25', 1.75],
    ['!true', false],
    ['!!courage', true],
    ['true && false || true', true],
    ['true || false && false', true],
    ['courage > 2 && brave', true],
    ['courage >= 3 == true', true],
    ['1 < 2 == 2 < 3', true],
    ['\'a\' + "b"', 'ab'],
    ["'it\\'s' + \"\\n\"", "it's\n"],
    ['visits.cave', 2],
    ["visits['forest-path'] + visits.2b", 9],
    ['name + courage', 'Fox3'],
  ])('%s → %s', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('lists the variables and visited segments it reads, once each, in order', () => {
    const e = compileExpression("courage > 1 && visits.cave < visits['forest-path'] || courage == visits.cave + zero");
    expect(e.variables).toEqual(['courage', 'zero']);
    expect(e.visits).toEqual(['cave', 'forest-path']);
    expect(e.source).toContain('courage > 1');
  });
});

describe('evaluate: documented semantics', () => {
  it('reads unknown variables as false and unknown visit counts as 0', () => {
    expect(run('nobody')).toBe(false);
    expect(run('nobody + 1')).toBe(1);
    expect(run('visits.nowhere')).toBe(0);
    expect(run('constructor')).toBe(false); // never the prototype's
    expect(run('visits.toString')).toBe(0);
  });

  it('joins with + when either side is a string, otherwise adds numbers (booleans count 1/0)', () => {
    expect(run("'n=' + 1.5")).toBe('n=1.5');
    expect(run("brave + ''")).toBe('true');
    expect(run('brave + brave')).toBe(2);
  });

  it('gives 0 for division by zero and overflow, never NaN or Infinity', () => {
    expect(run('5 / 0')).toBe(0);
    expect(run('5 / zero')).toBe(0);
    expect(
      run(
        '99999999999999999999 * 99999999999999999999 * 99999999999999999999 * 99999999999999999999 * 99999999999999999999 * 99999999999999999999 * 99999999999999999999 * 99999999999999999999 * 99999999999999999999 * 99999999999999999999 * 99999999999999999999 * 99999999999999999999 * 99999999999999999999 * 99999999999999999999 * 99999999999999999999 * 99999999999999999999',
      ),
    ).toBe(0);
    expect(Object.is(run('0 * -1'), 0)).toBe(true);
  });

  it('turns strings into numbers only when they read as decimals', () => {
    expect(run('digits * 2')).toBe(24);
    expect(run('name * 2')).toBe(0);
    expect(run("' 7 ' - 1")).toBe(6);
  });

  it('compares two strings as text, anything else as numbers', () => {
    expect(run("'apple' < 'banana'")).toBe(true);
    expect(run('digits > 9')).toBe(true);
    expect(run("'10' < '9'")).toBe(true);
  });

  it('never equates values of different types', () => {
    expect(run("1 == '1'")).toBe(false);
    expect(run('1 == true')).toBe(false);
    expect(run("1 != '1'")).toBe(true);
    expect(run('courage == 3')).toBe(true);
  });

  it('uses truthiness for ! && || and always returns a boolean', () => {
    expect(run('empty || zero')).toBe(false);
    expect(run('name && courage')).toBe(true);
    expect(run('!empty')).toBe(true);
  });

  it('short-circuits && and ||', () => {
    expect(run('false && (1 / 0 == 0)')).toBe(false);
    expect(run('true || nobody')).toBe(true);
  });

  it('is total for malformed scopes', () => {
    const e = compileExpression('courage + visits.cave');
    const bad = [
      undefined,
      null,
      {},
      { vars: null, visits: 5 },
      { vars: { courage: Number.NaN }, visits: { cave: 'x' } },
      { vars: { courage: {} }, visits: [] },
    ];
    for (const s of bad) expect(e.evaluate(s as unknown as ExpressionScope)).toBe(0);
    const throwing = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
      },
    );
    expect(e.evaluate({ vars: throwing, visits: throwing } as unknown as ExpressionScope)).toBe(0);
  });
});

describe('compileExpression: errors', () => {
  it.each([
    ['', 0, /empty/],
    ['   ', 0, /empty/],
    ['1 +', 3, /ends too early/],
    ['(1 + 2', 6, /expected `\)`/],
    ['1 2', 2, /unexpected `2`/],
    ['a = 1', 2, /use `==`/],
    ['a & b', 2, /use `&&`/],
    ['a | b', 2, /use `\|\|`/],
    ["'open", 0, /not closed/],
    ["'bad \\q'", 5, /unknown escape/],
    ['a < b < c', 6, /cannot follow another comparison/],
    ['a == b != c', 7, /cannot follow another comparison/],
    ['visits', 6, /segment id/],
    ['visits. cave', 8, /right after `visits.`/],
    ['visits[cave]', 7, /quoted segment id/],
    ['1.', 1, /unexpected `.`/],
    ['#', 0, /unexpected character `#`/],
    [')', 0, /unexpected `\)`/],
  ])('%j fails at %i', (source, position, message) => {
    const error = errorOf(source);
    expect(error.position).toBe(position);
    expect(error.message).toMatch(message);
  });

  it('reports sources over the length limit', () => {
    const error = errorOf('1+'.repeat(MAX_EXPRESSION_LENGTH) + '1');
    expect(error.message).toMatch(/longer than/);
    expect(error.position).toBe(MAX_EXPRESSION_LENGTH);
  });

  it('reports nesting past the depth limit instead of overflowing the stack', () => {
    expect(run('('.repeat(MAX_EXPRESSION_DEPTH) + '1' + ')'.repeat(MAX_EXPRESSION_DEPTH))).toBe(1);
    expect(errorOf('('.repeat(MAX_EXPRESSION_DEPTH + 1) + '1' + ')'.repeat(MAX_EXPRESSION_DEPTH + 1)).message).toMatch(
      /nests deeper/,
    );
    expect(errorOf('!'.repeat(500) + 'a').message).toMatch(/nests deeper/);
    expect(errorOf('-'.repeat(500) + '1').position).toBe(MAX_EXPRESSION_DEPTH);
  });

  it('evaluates the longest flat chains without trouble', () => {
    const chain = Array.from({ length: 333 }, () => '1').join('+');
    expect(run(chain)).toBe(333);
  });

  it('rejects non-strings with an ExpressionError', () => {
    expect(errorOf(42 as unknown as string).position).toBe(0);
  });
});
