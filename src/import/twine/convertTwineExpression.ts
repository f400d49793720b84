/** Words Harlowe and SugarCube use for operators, and what they are in an Offshoot expression. */
const WORD_OPERATORS: Record<string, string> = {
  is: '==',
  eq: '==',
  neq: '!=',
  isnot: '!=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  and: '&&',
  or: '||',
  not: '!',
  true: 'true',
  false: 'false',
};
const SYMBOL_OPERATORS: Record<string, string> = {
  '===': '==',
  '!==': '!=',
  '==': '==',
  '!=': '!=',
  '>=': '>=',
  '<=': '<=',
  '>': '>',
  '<': '<',
  '&&': '&&',
  '||': '||',
  '!': '!',
  '(': '(',
  ')': ')',
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
};
const COMPARISONS = new Set(['==', '!=', '>', '>=', '<', '<=']);
const TOKEN =
  /\s*(?:(\$[A-Za-z_][A-Za-z0-9_]*)|(\d+(?:\.\d+)?)|"([^"\\]*)"|'([^'\\]*)'|(===|!==|==|!=|>=|<=|&&|\|\||[<>!()+\-*/])|([A-Za-z_][A-Za-z0-9_]*))/y;

export interface ConvertedExpression {
  /** The Offshoot expression. */
  expression: string;
  /** Story-format variable names it reads (without `$`). */
  variables: string[];
}

/**
 * Converts a simple Harlowe or SugarCube expression (`$x is 3`, `$gold gte 10 and not $dead`,
 * `it + 1`) into an Offshoot expression over the same variable names, or returns undefined when it
 * uses anything else (temporary `_vars`, macros, `contains`, property access, Harlowe's elided
 * `$x is 1 or 2`). `it` is the variable being set, when given.
 *
 * @example
 * convertTwineExpression('$fuel is >= 6 and not $dead'); // { expression: 'fuel >= 6 && ! dead', variables: ['fuel', 'dead'] }
 */
export function convertTwineExpression(source: string, it?: string): ConvertedExpression | undefined {
  const out: string[] = [];
  const variables = new Set<string>();
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < source.length) {
    if (/^\s*$/.test(source.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(source);
    if (!m) return undefined;
    at = TOKEN.lastIndex;
    const [, variable, number, dq, sq, symbol, word] = m;
    if (variable) {
      variables.add(variable.slice(1));
      out.push(variable.slice(1));
    } else if (number !== undefined) out.push(number);
    else if (dq !== undefined || sq !== undefined) out.push(`'${(dq ?? sq)!.replace(/[\\']/g, '\\$&')}'`);
    else if (symbol) out.push(SYMBOL_OPERATORS[symbol]!);
    else if (word === 'it' && it) {
      variables.add(it);
      out.push(it);
    } else if (word !== undefined && WORD_OPERATORS[word]) {
      const op = WORD_OPERATORS[word]!;
      // Harlowe: `is not` is !=, `is >= 6` is >= 6.
      if (op === '==' && out.at(-1) === '==') return undefined;
      if (op === '!' && out.at(-1) === '==') out[out.length - 1] = '!=';
      else if (COMPARISONS.has(op) && out.at(-1) === '==' && word !== 'is') out[out.length - 1] = op;
      else out.push(op);
    } else return undefined;
    // `is >=` → `>=`
    if (out.length >= 2 && out.at(-2) === '==' && COMPARISONS.has(out.at(-1)!) && out.at(-1) !== '==')
      out.splice(out.length - 2, 1);
  }
  if (out.length === 0 || elidedComparison(out)) return undefined;
  return {
    expression: out.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')').replace(/! /g, '!'),
    variables: [...variables],
  };
}

/** Harlowe's `$x is 1 or 2` means `$x is 1 or $x is 2`; a bare literal operand of a logic operator is that, or a mistake. */
function elidedComparison(tokens: string[]): boolean {
  const operands: string[][] = [[]];
  for (const token of tokens) {
    if (token === '&&' || token === '||') operands.push([]);
    else operands.at(-1)!.push(token);
  }
  return operands.length > 1 && operands.some((operand) => operand.length === 1 && /^(\d|')/.test(operand[0]!));
}
