import { compileExpression } from '../expression/compileExpression.js';
import type { CompiledExpression } from '../expression/compileExpression.js';
import type { StateValue } from '../story/Story.js';
import type { Position } from './Position.js';

// Stories are validated before rules run, so sources compile; compiling once per distinct
// source keeps path search fast. Capped so a long-running backend cannot grow it forever.
const MAX_CACHED = 10_000;
const cache = new Map<string, CompiledExpression>();

/** The compiled form of `source`, from a shared cache. Throws ExpressionError on bad syntax. */
export function compiled(source: string): CompiledExpression {
  let expression = cache.get(source);
  if (!expression) {
    if (cache.size >= MAX_CACHED) cache.clear();
    expression = compileExpression(source);
    cache.set(source, expression);
  }
  return expression;
}

/**
 * Evaluates an expression against a position's variables and visit counts.
 *
 * @example
 * evaluateExpression('courage + 1', { segmentId: 'a', vars: { courage: 2 }, visits: {} }); // 3
 */
export function evaluateExpression(source: string, position: Position): StateValue {
  return compiled(source).evaluate({ vars: position.vars, visits: position.visits });
}

/** Truthiness of a value as `if` reads it: true, a non-zero number, a non-empty string. */
export function isTruthy(value: StateValue): boolean {
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  return value === true;
}

/**
 * Whether an optional `if` holds at `position` (no condition holds).
 *
 * @example
 * conditionHolds(undefined, here); // true
 * conditionHolds('visits.forest > 1', here);
 */
export function conditionHolds(source: string | undefined, position: Position): boolean {
  return source === undefined || isTruthy(evaluateExpression(source, position));
}
