import type { Story } from '../story/Story.js';

/** Every issue code, in the order docs/story-format.md lists them. */
export const ISSUE_CODES = [
  'parse-error',
  'schema',
  'duplicate-key',
  'unknown-segment',
  'duplicate-option',
  'unknown-default',
  'bad-route',
  'bad-expression',
  'unknown-variable',
  'type-mismatch',
  'bad-timing',
  'no-ending',
  'trap',
  'unreachable',
  'hidden-default',
  'internal',
] as const;

/**
 * What a validation issue is about. Errors: everything but the warnings `unreachable` and
 * `hidden-default`. docs/story-format.md has the table with an example of each.
 */
export type IssueCode = (typeof ISSUE_CODES)[number];

/** One problem `validateStory` found: print it with `formatIssue`. */
export interface ValidationIssue {
  /** What kind of problem (errors, and the warnings in WARNING_CODES). */
  code: IssueCode;
  /** JSON Pointer (RFC 6901) to the value the issue is about; '' is the whole story. */
  path: string;
  /** Names what is wrong, where, and what to change. */
  message: string;
  /** 1-based, when the story was given as text. */
  line?: number;
  /** 1-based, when the story was given as text. */
  column?: number;
  /** The segment the issue is in, when it is in one. */
  segment?: string;
  /** The `file` option given to validateStory, for printing `file:line:column`. */
  file?: string;
}

/**
 * What `validateStory` returns.
 *
 * @example
 * const report = validateStory(text, { file: 'story.json' });
 * if (!report.valid) console.error(report.errors.map(formatIssue).join('\n'));
 */
export interface ValidationReport {
  /** True when there are no errors (warnings allowed). */
  valid: boolean;
  /** Problems that make the story unplayable. */
  errors: ValidationIssue[];
  /** Problems worth fixing that do not stop playback (`unreachable`, `hidden-default`). */
  warnings: ValidationIssue[];
  /** The story, present only when valid; `state` is filled in as `{}` when the file has none. */
  story?: Story;
}

/** The issue codes that are warnings, not errors. */
export const WARNING_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>(['unreachable', 'hidden-default']);
