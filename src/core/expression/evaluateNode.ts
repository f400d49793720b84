import type { StateValue } from '../story/Story.js';
import { finite, isStateValue, toBoolean, toNumber, toText } from './coerce.js';
import type { ExpressionScope } from './compileExpression.js';
import type { BinaryOperator, ExpressionNode } from './ExpressionNode.js';
import { MAX_STRING_VALUE_LENGTH } from './limits.js';

/** A compiled expression body. Total: returns a StateValue for any scope, never throws. */
export type Evaluator = (scope: ExpressionScope) => StateValue;

/**
 * Turn a syntax tree into a closure once, so evaluation per frame is a few calls.
 *
 * @example
 * const run = compileNode(parseExpression('coins * 2'));
 * run({ vars: { coins: 3 }, visits: {} }); // 6
 */
export function compileNode(node: ExpressionNode): Evaluator {
  switch (node.kind) {
    case 'literal': {
      const value = node.value;
      return () => value;
    }
    case 'variable': {
      const name = node.name;
      return (scope) => readOwn(scope, 'vars', name, false);
    }
    case 'visits': {
      const segment = node.segment;
      return (scope) => {
        const count = readOwn(scope, 'visits', segment, 0);
        return typeof count === 'number' ? count : 0;
      };
    }
    case 'unary': {
      const operand = compileNode(node.operand);
      return node.op === '!' ? (scope) => !toBoolean(operand(scope)) : (scope) => finite(-toNumber(operand(scope)));
    }
    case 'binary':
      return compileBinary(node.op, compileNode(node.left), compileNode(node.right));
  }
}

function compileBinary(op: BinaryOperator, left: Evaluator, right: Evaluator): Evaluator {
  switch (op) {
    case '||':
      return (s) => toBoolean(left(s)) || toBoolean(right(s));
    case '&&':
      return (s) => toBoolean(left(s)) && toBoolean(right(s));
    case '==':
      return (s) => left(s) === right(s);
    case '!=':
      return (s) => left(s) !== right(s);
    case '+':
      return (s) => add(left(s), right(s));
    case '-':
      return (s) => finite(toNumber(left(s)) - toNumber(right(s)));
    case '*':
      return (s) => finite(toNumber(left(s)) * toNumber(right(s)));
    case '/':
      return (s) => divide(toNumber(left(s)), toNumber(right(s)));
    default:
      return (s) => compare(op, left(s), right(s));
  }
}

function add(a: StateValue, b: StateValue): StateValue {
  if (typeof a === 'string' || typeof b === 'string') return (toText(a) + toText(b)).slice(0, MAX_STRING_VALUE_LENGTH);
  return finite(toNumber(a) + toNumber(b));
}

// Division by zero has no good answer mid-playback; 0 keeps the story going and is documented.
function divide(a: number, b: number): number {
  return b === 0 ? 0 : finite(a / b);
}

function compare(op: BinaryOperator, a: StateValue, b: StateValue): boolean {
  const bothText = typeof a === 'string' && typeof b === 'string';
  const x = bothText ? a : toNumber(a);
  const y = bothText ? b : toNumber(b);
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  if (op === '>') return x > y;
  return x >= y;
}

// Scopes come from embedders and tests: tolerate missing maps, inherited keys and odd values.
function readOwn(scope: ExpressionScope, map: 'vars' | 'visits', key: string, fallback: StateValue): StateValue {
  try {
    const values: unknown = scope?.[map];
    if (typeof values !== 'object' || values === null || !Object.hasOwn(values, key)) return fallback;
    const value: unknown = (values as Record<string, unknown>)[key];
    return isStateValue(value) ? value : fallback;
  } catch {
    return fallback;
  }
}
