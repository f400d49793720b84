import type { ParseError } from 'jsonc-parser';
import { createScanner, parseTree, printParseErrorCode } from 'jsonc-parser';
import { IssueList } from './IssueList.js';
import { MAX_JSON_DEPTH, MAX_STORY_CHARACTERS } from './limits.js';
import { tooLarge } from './tooLarge.js';
import { scanJsonText } from './scanJsonText.js';
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
  UnexpectedEndOfComment: 'comments are not allowed in a story file',
  UnexpectedEndOfString: 'string is not closed: add the closing `"`',
  UnexpectedEndOfNumber: 'number is cut off',
  InvalidUnicode: 'invalid \\u escape',
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
 * errors and duplicate keys with line/column. Never throws. The fast path is the native
 * JSON.parse plus one flat scan; jsonc-parser's tree is built only to explain a syntax
 * error or (lazily, in TextLocator) to place issues.
 */
export function parseStoryText(text: string): ParsedText {
  const issues = new IssueList();
  const locator = new TextLocator(text);
  if (text.length > MAX_STORY_CHARACTERS) {
    issues.add('schema', '', tooLarge(text.length), { at: MAX_STORY_CHARACTERS });
    return { issues, locator };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    explainSyntaxError(text, issues);
    return { issues, locator };
  }
  const scan = scanJsonText(text, MAX_JSON_DEPTH);
  if (scan.tooDeepAt !== undefined) {
    issues.add('schema', '', tooDeep, { at: scan.tooDeepAt });
    return { issues, locator };
  }
  if (scan.nonFinite.length > 0) {
    // Reported as the object path reports Infinity (guardJsonValue), and the checks stop here:
    // timing and graph checks would only echo it ("ends after the segment", ...).
    for (const { path, literal, at } of scan.nonFinite) {
      const what = path === '' ? 'the story' : `\`${path.slice(1)}\``;
      issues.add(
        'schema',
        path,
        `${what} is ${literal}, past the largest number a story can hold (about 1.8e308; it would read as ${literal.startsWith('-') ? '-' : ''}Infinity): use a finite number`,
        { at },
      );
    }
    return { issues, locator };
  }
  for (const { path, key, at } of scan.duplicates) {
    const where = path.slice(1, path.lastIndexOf('/')) || 'the story';
    issues.add(
      'duplicate-key',
      path,
      `\`${key}\` appears twice in ${where}: the second one silently replaces the first; rename or remove one`,
      { at },
    );
  }
  return { value, issues, locator };
}

const tooDeep = `the story nests deeper than ${MAX_JSON_DEPTH} levels here: a story is a few levels deep; remove the nesting`;

function explainSyntaxError(text: string, issues: IssueList): void {
  // jsonc-parser's parser recurses per nesting level: measure the depth first with its flat scanner.
  const deepAt = findTooDeep(text);
  if (deepAt !== undefined) {
    issues.add('schema', '', tooDeep, { at: deepAt });
    return;
  }
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  // Only the first: the errors after a syntax error are mostly its echoes.
  const first = errors[0];
  if (!first) {
    // JSON.parse refused what jsonc-parser accepts (rare corners): still report a parse error.
    issues.add('parse-error', '', 'the file is not valid JSON: fix the JSON syntax', { at: 0 });
    return;
  }
  const name = printParseErrorCode(first.error);
  issues.add('parse-error', '', `${HINTS[name] ?? name}: fix the JSON syntax here`, { at: first.offset });
}

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
