import { describe, expect, it } from 'vitest';
import { checkExpression } from '../../../src/core/expression/checkExpression.js';
import type { ExpressionContext } from '../../../src/core/expression/checkExpression.js';
import { compileExpression } from '../../../src/core/expression/compileExpression.js';
import { ExpressionError } from '../../../src/core/expression/ExpressionError.js';

const context: ExpressionContext = {
  state: { coins: 0, brave: false, name: 'Fox' },
  segments: new Set(['intro', 'cave']),
};
const kinds = (source: string) => checkExpression(source, context).problems.map((p) => p.kind);

describe('checkExpression', () => {
  it.each([
    ['coins + 1', 'number'],
    ['name + coins', 'string'],
    ['coins > 1 && brave', 'boolean'],
    ['!coins', 'boolean'],
    ['visits.cave * 2', 'number'],
    ['ghost + 1', 'unknown'],
  ])('types %s as %s', (source, type) => {
    expect(checkExpression(source, context).type).toBe(type);
  });

  it('accepts well-typed expressions, truthiness included', () => {
    for (const source of [
      'coins',
      'coins && brave',
      "name == 'Fox'",
      "name < 'Z'",
      '-coins + visits.intro',
      "name + ' has ' + coins",
    ]) {
      expect(kinds(source), source).toEqual([]);
    }
  });

  it('finds undeclared variables with their position', () => {
    const { problems } = checkExpression('coins > 0 && braev', context);
    expect(problems).toEqual([expect.objectContaining({ kind: 'unknown-variable', position: 13 })]);
    expect(problems[0]!.message).toContain('`braev`');
  });

  it('finds visits of segments that do not exist, only when segments are given', () => {
    expect(kinds('visits.cellar > 0')).toEqual(['unknown-segment']);
    expect(checkExpression('visits.cellar > 0', { state: {} }).problems).toEqual([]);
  });

  it.each([
    ["coins * 'x'"],
    ['-name'],
    ['brave + 1'],
    ["coins == 'three'"],
    ['brave < true'],
    ['coins > name'],
    ['brave - 1'],
  ])('flags the type mismatch in %s', (source) => {
    expect(kinds(source)).toEqual(['type-mismatch']);
  });

  it('does not cascade from unknown variables', () => {
    expect(kinds('ghost * 2 + 1 == 3')).toEqual(['unknown-variable']);
  });

  it('takes a compiled expression, and throws ExpressionError for bad source text', () => {
    expect(checkExpression(compileExpression('coins + 1'), context).type).toBe('number');
    expect(() => checkExpression('coins +', context)).toThrow(ExpressionError);
  });
});
