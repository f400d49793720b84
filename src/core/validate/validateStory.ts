import type { Story } from '../story/Story.js';
import { checkExpressions } from './checkExpressions.js';
import { checkGraph } from './checkGraph.js';
import { checkReferences } from './checkReferences.js';
import { checkSchema } from './checkSchema.js';
import { checkSegmentShape } from './checkSegmentShape.js';
import { checkTiming } from './checkTiming.js';
import { guardJsonValue } from './guardJsonValue.js';
import type { PendingIssue } from './IssueList.js';
import { IssueList } from './IssueList.js';
import { MAX_ISSUES_PER_CODE, MAX_SEGMENTS } from './limits.js';
import { parseStoryText } from './parseStoryText.js';
import type { TextLocator } from './TextLocator.js';
import type { ValidationIssue, ValidationReport } from './ValidationReport.js';
import { WARNING_CODES } from './ValidationReport.js';
import { isRecord } from './storyView.js';

export interface ValidateOptions {
  /** File name copied onto every issue, for `file:line:column` output. */
  file?: string;
}

/**
 * Check a story file: JSON syntax, shape (story.schema.json), references, expressions,
 * timing and the story graph. Give it the file's text to get line/column on every issue,
 * or an already parsed value. Never throws, whatever the input.
 *
 * @example
 * const report = validateStory(await readFile('story.json', 'utf8'), { file: 'story.json' });
 * if (!report.valid) for (const e of report.errors) console.error(formatIssue(e));
 * else play(report.story);
 */
export function validateStory(input: string | unknown, options: ValidateOptions = {}): ValidationReport {
  try {
    return validate(input, options);
  } catch (error) {
    // A validator bug must still come back as a report, never as an exception in the caller.
    const message = `the validator failed unexpectedly (${String(error)}); please report this with the story file`;
    return {
      valid: false,
      errors: [{ code: 'internal', path: '', message, ...(options.file ? { file: options.file } : {}) }],
      warnings: [],
    };
  }
}

function validate(input: unknown, options: ValidateOptions): ValidationReport {
  let issues = new IssueList();
  let locator: TextLocator | undefined;
  let value: unknown = input;
  if (typeof input === 'string') {
    const parsed = parseStoryText(input);
    ({ issues, locator } = parsed);
    if (!('value' in parsed)) return finish(issues, locator, options, undefined);
    value = parsed.value;
  } else if (!guardJsonValue(input, issues)) {
    return finish(issues, locator, options, undefined);
  }
  const segments = isRecord(value) && isRecord(value.segments) ? Object.keys(value.segments).length : 0;
  if (segments > MAX_SEGMENTS) {
    issues.add(
      'schema',
      '/segments',
      `the story has ${segments} segments; the limit is ${MAX_SEGMENTS}: split it into several stories`,
    );
    return finish(issues, locator, options, undefined);
  }
  checkSchema(value, issues);
  if (isRecord(value)) {
    checkSegmentShape(value, issues);
    checkReferences(value, issues);
    checkExpressions(value, issues);
    checkTiming(value, issues);
    if (!issues.has((issue) => !WARNING_CODES.has(issue.code))) checkGraph(value, issues);
  }
  return finish(issues, locator, options, value);
}

function finish(
  issues: IssueList,
  locator: TextLocator | undefined,
  options: ValidateOptions,
  value: unknown,
): ValidationReport {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const counts = new Map<string, number>();
  for (const pending of issues.items) {
    const count = (counts.get(pending.code) ?? 0) + 1;
    counts.set(pending.code, count);
    if (count > MAX_ISSUES_PER_CODE) continue;
    (WARNING_CODES.has(pending.code) ? warnings : errors).push(place(pending, locator, options));
  }
  for (const [code, count] of counts) {
    if (count <= MAX_ISSUES_PER_CODE) continue;
    const summary = place(
      {
        code: code as ValidationIssue['code'],
        path: '',
        message: `…and ${count - MAX_ISSUES_PER_CODE} more \`${code}\` issues not listed`,
      },
      undefined,
      options,
    );
    (WARNING_CODES.has(summary.code) ? warnings : errors).push(summary);
  }
  const report: ValidationReport = { valid: errors.length === 0, errors, warnings };
  if (report.valid && isRecord(value)) {
    report.story = (Object.hasOwn(value, 'state') ? value : { ...value, state: {} }) as unknown as Story;
  }
  return report;
}

function place(pending: PendingIssue, locator: TextLocator | undefined, options: ValidateOptions): ValidationIssue {
  const { at, offset, ...issue } = pending;
  const position = locator && (at !== undefined ? locator.at(at) : locator.find(issue.path, offset));
  if (position) Object.assign(issue, position);
  if (options?.file !== undefined) issue.file = options.file;
  return issue;
}
