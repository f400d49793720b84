import { formatIssue } from '../../src/core/validate/formatIssue.js';
import type { ValidationIssue } from '../../src/core/validate/ValidationReport.js';
import { h } from './h.js';

/**
 * The validator's issues as a list (errors first), or nothing when there are none.
 *
 * @example
 * root.append(issuesPanel('This story has errors', report.errors, report.warnings));
 */
export function issuesPanel(heading: string, errors: ValidationIssue[], warnings: ValidationIssue[] = []): HTMLElement {
  const list = h('ul');
  for (const issue of errors)
    list.append(h('li', { class: 'osb-error', text: formatIssue(issue), attrs: { 'data-code': issue.code } }));
  for (const issue of warnings)
    list.append(h('li', { class: 'osb-warning', text: formatIssue(issue), attrs: { 'data-code': issue.code } }));
  return h('section', { class: 'osb-issues', attrs: { role: 'status' } }, h('h3', { text: heading }), list);
}

/**
 * A plain message box (no player is drawn behind it).
 *
 * @example
 * root.append(messageBox('No generation backend', 'Set OFFSHOOT_BACKEND…'));
 */
export function messageBox(heading: string, ...lines: string[]): HTMLElement {
  return h(
    'section',
    { class: 'osb-message', attrs: { role: 'status' } },
    h('h3', { text: heading }),
    ...lines.map((text) => h('p', { text })),
  );
}
