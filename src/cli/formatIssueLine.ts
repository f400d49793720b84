import type { ValidationIssue } from '../core/validate/ValidationReport.js';

/**
 * One validation issue as `file:line:col code path message` (editors and CI logs link the
 * place). The whole story's path, the empty JSON Pointer, prints as `/`.
 *
 * @example
 * formatIssueLine({ code: 'unknown-segment', path: '/segments/intro/next', message: '…', line: 9, column: 15 }, 'a.json');
 * // 'a.json:9:15 unknown-segment /segments/intro/next …'
 */
export function formatIssueLine(issue: ValidationIssue, file: string): string {
  const place = issue.line !== undefined ? `${file}:${issue.line}:${issue.column ?? 1}` : file;
  return `${place} ${issue.code} ${issue.path || '/'} ${issue.message}`;
}
