/**
 * A syntax error in an expression. `position` is the 0-based character offset into
 * the expression's source where the problem was found, so editors can point at it.
 *
 * @example
 * try { compileExpression('a &&'); } catch (e) {
 *   if (e instanceof ExpressionError) console.error(e.position, e.message); // 4, "expected a value..."
 * }
 */
export class ExpressionError extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.name = 'ExpressionError';
    this.position = position;
  }
}
