import type { Node, ParseError } from 'jsonc-parser';
import { createScanner, parseTree, printParseErrorCode } from 'jsonc-parser';
import { IssueList } from './IssueList.js';
import { MAX_JSON_DEPTH } from './limits.js';
import { TextLocator } from './TextLocator.js';

// jsonc-parser's SyntaxKind is a const enum, which isolatedModules cannot read: its values.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

const HINTS: Record<string, string> = {
  InvalidSymbol: 'unexpected character (comments, single quotes and unquoted keys are not JSON)',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes (no trailing comma before `}`)',
  ValueExpected: 'expected a value (no trailing comma before `]` or `}`)',
  ColonExpected: 'expected `:` after the property name',
  CommaExpected: 'expected `,` between items',
  CloseBraceExpected: 'expected `}` to close the object',
  CloseBracketExpected: 'expected `]` to close the array',
  EndOfFileExpected: 'expected the end of the file after the story object',
  InvalidCommentToken: 'comments are not allowed in a story file',
  UnexpectedEndOfString: 'string is not closed: add the closing `"`',
  InvalidEscapeCharacter: 'invalid escape in string',
  InvalidCharacter: 'invalid character in string (control characters must be escaped)',
};

export interface ParsedText {
  value?: unknown;
  issues: IssueList;
  locator: TextLocator;
}

/**
 * Parse story text as strict JSON (no comments, no trailing commas), reporting syntax
 * errors and duplicate keys with line/column. Never throws.
 */
export function parseStoryText(text: string): ParsedText {
  const issues = new IssueList();
  const tooDeep = findTooDeep(text);
  if (tooDeep !== undefined) {
    issues.add('schema', '', `the story nests deeper than ${MAX_JSON_DEPTH} levels here: a story is a few levels deep; remove the nesting`, { at: tooDeep });
    return { issues, locator: new TextLocator(text, undefined) };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const locator = new TextLocator(text, root);
  if (errors.length > 0) {
    for (const error of errors.slice(0, 10)) {
      const name = printParseErrorCode(error.error);
      issues.add('parse-error', '', `${HINTS[name] ?? name}: fix the JSON syntax here`, { at: error.offset });
    }
    return { issues, locator };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // jsonc-parser is slightly more lenient than JSON.parse in corners; report JSON.parse's view.
    const at = /position (\d+)/.exec(String(error))?.[1];
    issues.add('parse-error', '', `${String((error as Error)?.message ?? error)}: fix the JSON syntax here`, { at: at === undefined ? 0 : Number(at) });
    return { issues, locator };
  }
  if (root) reportDuplicateKeys(root, issues);
  return { value, issues, locator };
}

/** Offset of the first bracket past the depth limit, found with the flat scanner (no recursion). */
function findTooDeep(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) {
      if (++depth > MAX_JSON_DEPTH) return scanner.getTokenOffset();
    } else if (kind === CLOSE_BRACE || kind === CLOSE_BRACKET) {
      depth--;
    }
  }
  return undefined;
}

function reportDuplicateKeys(root: Node, issues: IssueList): void {
  const stack: { node: Node; path: string }[] = [{ node: root, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    const seen = new Set<string>();
    node.children?.forEach((child, index) => {
      if (node.type === 'array') {
        stack.push({ node: child, path: `${path}/${index}` });
        return;
      }
      const [key, value] = child.children ?? [];
      if (!key || node.type !== 'object') return;
      const name = String(key.value);
      const childPath = `${path}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (seen.has(name)) {
        const where = path === '' ? 'the story' : path.slice(1);
        issues.add('duplicate-key', childPath, `\`${name}\` appears twice in ${where}: the second one silently replaces the first; rename or remove one`, { at: key.offset });
      }
      seen.add(name);
      if (value) stack.push({ node: value, path: childPath });
    });
  }
}
