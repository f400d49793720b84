import type { StateValue } from '../story/Story.js';

/** Binary operators, loosest binding first: `||`, `&&`, `== !=`, `< <= > >=`, `+ -`, `* /`. */
export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/';

export type UnaryOperator = '!' | '-';

/** The parsed form of an expression. `start`/`end` are 0-based offsets into the source. */
export type ExpressionNode =
  | { kind: 'literal'; value: StateValue; start: number; end: number }
  | { kind: 'variable'; name: string; start: number; end: number }
  | { kind: 'visits'; segment: string; start: number; end: number }
  | { kind: 'unary'; op: UnaryOperator; operand: ExpressionNode; start: number; end: number }
  | { kind: 'binary'; op: BinaryOperator; left: ExpressionNode; right: ExpressionNode; start: number; end: number };
