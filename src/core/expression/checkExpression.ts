import type { StateValue } from '../story/Story.js';
import type { CompiledExpression } from './compileExpression.js';
import { compileExpression, expressionTree } from './compileExpression.js';
import type { BinaryOperator, ExpressionNode } from './ExpressionNode.js';

/** Static type of an expression; `unknown` where it cannot be known (an undeclared variable). */
export type ExpressionType = 'number' | 'boolean' | 'string' | 'unknown';

export interface ExpressionProblem {
  kind: 'unknown-variable' | 'unknown-segment' | 'type-mismatch';
  /** 0-based offset into the expression source. */
  position: number;
  message: string;
  /** The variable or segment id concerned, for unknown-variable and unknown-segment. */
  name?: string;
}

export interface ExpressionContext {
  /** Declared state: name → initial value. A variable's type is its initial value's type. */
  state: Readonly<Record<string, StateValue>>;
  /** Segment ids that exist; when given, `visits.<id>` of any other id is a problem. */
  segments?: ReadonlySet<string>;
}

export interface ExpressionCheck {
  type: ExpressionType;
  problems: ExpressionProblem[];
}

/** The static type of a state value. */
export function typeOfValue(value: StateValue): ExpressionType {
  const type = typeof value;
  return type === 'number' || type === 'boolean' || type === 'string' ? type : 'unknown';
}

/**
 * Find what can be known wrong before playing: undeclared variables, unknown segments in
 * `visits.x`, and operators applied to types that make them meaningless (`'a' * 2`,
 * `brave == 1`). Truthiness is allowed (`if: "coins"` means coins ≠ 0). Throws
 * ExpressionError only when given source text that does not parse.
 *
 * @example
 * checkExpression('coins > "3"', { state: { coins: 0 } }).problems[0]?.kind; // 'type-mismatch'
 */
export function checkExpression(expression: CompiledExpression | string, context: ExpressionContext): ExpressionCheck {
  const compiled = typeof expression === 'string' ? compileExpression(expression) : expression;
  const tree = expressionTree(compiled) ?? expressionTree(compileExpression(compiled.source))!;
  const problems: ExpressionProblem[] = [];
  const type = typeOf(tree, context, problems);
  return { type, problems };
}

function typeOf(node: ExpressionNode, context: ExpressionContext, problems: ExpressionProblem[]): ExpressionType {
  switch (node.kind) {
    case 'literal':
      return typeOfValue(node.value);
    case 'variable':
      if (Object.hasOwn(context.state, node.name)) return typeOfValue(context.state[node.name]!);
      problems.push({
        kind: 'unknown-variable',
        position: node.start,
        name: node.name,
        message: `\`${node.name}\` is not a declared state variable`,
      });
      return 'unknown';
    case 'visits':
      if (context.segments && !context.segments.has(node.segment)) {
        problems.push({
          kind: 'unknown-segment',
          position: node.start,
          name: node.segment,
          message: `\`visits\` names segment \`${node.segment}\`, which does not exist`,
        });
      }
      return 'number';
    case 'unary': {
      const operand = typeOf(node.operand, context, problems);
      if (node.op === '!') return 'boolean';
      expect(operand, 'number', node, `\`-\` needs a number, not a ${operand}`, problems);
      return 'number';
    }
    case 'binary':
      return binaryType(
        node.op,
        typeOf(node.left, context, problems),
        typeOf(node.right, context, problems),
        node,
        problems,
      );
  }
}

function binaryType(
  op: BinaryOperator,
  a: ExpressionType,
  b: ExpressionType,
  node: ExpressionNode,
  problems: ExpressionProblem[],
): ExpressionType {
  const known = a !== 'unknown' && b !== 'unknown';
  switch (op) {
    case '||':
    case '&&':
      return 'boolean';
    case '==':
    case '!=':
      if (known && a !== b)
        mismatch(node, `\`${op}\` compares a ${a} with a ${b}: values of different types are never equal`, problems);
      return 'boolean';
    case '+':
      if (a === 'string' || b === 'string') return 'string';
      if (known && (a === 'boolean' || b === 'boolean'))
        mismatch(node, `\`+\` adds numbers or joins strings, not a ${a} and a ${b}`, problems);
      return a === 'unknown' || b === 'unknown' ? 'unknown' : 'number';
    case '-':
    case '*':
    case '/':
      expect(a, 'number', node, `\`${op}\` needs numbers, not a ${a}`, problems);
      expect(b, 'number', node, `\`${op}\` needs numbers, not a ${b}`, problems);
      return 'number';
    default:
      if (known && (a !== b || a === 'boolean')) {
        mismatch(node, `\`${op}\` compares two numbers or two strings, not a ${a} and a ${b}`, problems);
      }
      return 'boolean';
  }
}

function expect(
  actual: ExpressionType,
  wanted: ExpressionType,
  node: ExpressionNode,
  message: string,
  problems: ExpressionProblem[],
): void {
  if (actual !== 'unknown' && actual !== wanted) mismatch(node, message, problems);
}

function mismatch(node: ExpressionNode, message: string, problems: ExpressionProblem[]): void {
  problems.push({ kind: 'type-mismatch', position: node.start, message });
}
