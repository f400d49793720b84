import type { ValidationIssue } from './ValidationReport.js';
import { WARNING_CODES } from './ValidationReport.js';

/**
 * One issue as a compiler-style line, for terminals and CI logs.
 *
 * @example
 * formatIssue({ code: 'trap', path: '/segments/loop', message: 'segment loop is a trap…', line: 12, column: 5, file: 'story.json' });
 * // 'story.json:12:5: error trap: segment loop is a trap…'
 */
export function formatIssue(issue: ValidationIssue): string {
  const place = [issue.file, issue.line, issue.column].filter((p) => p !== undefined).join(':');
  const severity = WARNING_CODES.has(issue.code) ? 'warning' : 'error';
  return `${place ? `${place}: ` : ''}${severity} ${issue.code}: ${issue.message}`;
}
