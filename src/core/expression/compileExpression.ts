import type { StateValue } from '../story/Story.js';
import type { Variables, Visits } from '../story/Variables.js';
import { ExpressionError } from './ExpressionError.js';
import type { ExpressionNode } from './ExpressionNode.js';
import { compileNode } from './evaluateNode.js';
import { parseExpression } from './parseExpression.js';

/** What an expression reads: the story's variables and the per-segment visit counts. */
export interface ExpressionScope {
  vars: Variables;
  visits: Visits;
}

export interface CompiledExpression {
  readonly source: string;
  /** State variable names the expression reads, in order of first use. */
  readonly variables: string[];
  /** Segment ids read through `visits.<id>`, in order of first use. */
  readonly visits: string[];
  /**
   * Total: returns a value for any scope and never throws. Unknown variables read as
   * `false`, unknown visit counts as 0; the full rules are in docs/story-format.md.
   */
  evaluate(scope: ExpressionScope): StateValue;
}

// The syntax tree behind each compiled expression, for the static checker.
const trees = new WeakMap<CompiledExpression, ExpressionNode>();

/**
 * Compile an expression once; evaluate it as often as needed.
 * Throws ExpressionError (with a 0-based `position`) on bad syntax, and nothing else.
 *
 * @example
 * const canEnter = compileExpression("visits.cave > 0 && key == 'gold'");
 * canEnter.variables; // ['key']
 * canEnter.visits; // ['cave']
 * canEnter.evaluate({ vars: { key: 'gold' }, visits: { cave: 1 } }); // true
 */
export function compileExpression(source: string): CompiledExpression {
  let tree: ExpressionNode;
  try {
    tree = parseExpression(source);
  } catch (error) {
    // Anything other than our own error would be a parser bug; still honour the contract.
    if (error instanceof ExpressionError) throw error;
    throw new ExpressionError(`cannot parse expression: ${String(error)}`, 0);
  }
  const run = compileNode(tree);
  const { variables, visits } = collectNames(tree);
  const compiled: CompiledExpression = Object.freeze({
    source,
    variables,
    visits,
    evaluate(scope: ExpressionScope): StateValue {
      try {
        return run(scope);
      } catch {
        // Unreachable by design (every operator is total); the belt to the braces.
        return false;
      }
    },
  });
  trees.set(compiled, tree);
  return compiled;
}

/** The syntax tree of an expression made by compileExpression, or undefined for other objects. */
export function expressionTree(expression: CompiledExpression): ExpressionNode | undefined {
  return trees.get(expression);
}

function collectNames(root: ExpressionNode): { variables: string[]; visits: string[] } {
  const variables = new Set<string>();
  const visits = new Set<string>();
  const stack: ExpressionNode[] = [root];
  const ordered: ExpressionNode[] = [];
  // Explicit stack: long `a + b + c …` chains make deep left-leaning trees.
  while (stack.length > 0) {
    const node = stack.pop()!;
    ordered.push(node);
    if (node.kind === 'unary') stack.push(node.operand);
    if (node.kind === 'binary') stack.push(node.right, node.left);
  }
  for (const node of ordered) {
    if (node.kind === 'variable') variables.add(node.name);
    if (node.kind === 'visits') visits.add(node.segment);
  }
  return { variables: [...variables], visits: [...visits] };
}
