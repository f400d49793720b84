import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkExpression } from '../../../src/core/expression/checkExpression.js';
import { compileExpression } from '../../../src/core/expression/compileExpression.js';
import type { CompiledExpression, ExpressionScope } from '../../../src/core/expression/compileExpression.js';
import { ExpressionError } from '../../../src/core/expression/ExpressionError.js';

// Fragments that make random strings look like expressions often enough to reach the parser's depths.
const piece = fc.constantFrom(
  'a',
  'b',
  'visits.',
  'visits.x',
  "visits['y']",
  '1',
  '2.5',
  'true',
  "'s'",
  '"t"',
  '(',
  ')',
  '!',
  '-',
  '+',
  '*',
  '/',
  '<',
  '<=',
  '==',
  '!=',
  '&&',
  '||',
  ' ',
  '.',
  '[',
  ']',
  '\\',
  "'",
  '=',
  '&',
);
const source = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
);
const stateValue = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.string({ maxLength: 5 }));
const scope = fc.oneof(
  fc.record({
    vars: fc.dictionary(fc.constantFrom('a', 'b', 'c'), stateValue),
    visits: fc.dictionary(fc.constantFrom('x', 'y'), fc.integer({ min: 0, max: 9 })),
  }),
  fc.anything(),
) as fc.Arbitrary<ExpressionScope>;

function tryCompile(text: string): CompiledExpression | undefined {
  try {
    return compileExpression(text);
  } catch (error) {
    if (!(error instanceof ExpressionError))
      throw new Error(`non-ExpressionError for ${JSON.stringify(text)}: ${String(error)}`, { cause: error });
    expect(error.position).toBeGreaterThanOrEqual(0);
    expect(error.position).toBeLessThanOrEqual(Math.max(text.length, 1000));
    return undefined;
  }
}

describe('expressions under random input', () => {
  it('compileExpression returns or throws ExpressionError; evaluate never throws and returns a StateValue', () => {
    fc.assert(
      fc.property(source, scope, (text, s) => {
        const compiled = tryCompile(text);
        if (!compiled) return;
        const value = compiled.evaluate(s);
        expect(['number', 'boolean', 'string']).toContain(typeof value);
        if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
        expect(() => checkExpression(compiled, { state: { a: 1, b: 'x' } })).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });

  it('arithmetic on integers matches exact integer arithmetic', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), (x, y) => {
        const e = compileExpression('a * b - (a + b)');
        expect(e.evaluate({ vars: { a: x, b: y }, visits: {} })).toBe(x * y - (x + y) || 0);
      }),
      { numRuns: 300 },
    );
  });
});
