import type { MediaIssue } from './MediaIssue.js';

/**
 * One media issue in the CLI's issue format, `file:line:col code path message`, the message
 * led by its severity (warnings and notes do not fail the check) and the URL it is about.
 *
 * @example
 * formatMediaIssue(issue, 'story.json');
 * // 'story.json:7:7 playlist-invalid /segments/intro/media error: file:///m/intro/media.m3u8: byte-range fragments …'
 */
export function formatMediaIssue(issue: MediaIssue, file: string): string {
  const place = issue.line !== undefined ? `${file}:${issue.line}:${issue.column ?? 1}` : file;
  const about = issue.url ? `${issue.url}: ` : '';
  return `${place} ${issue.code} ${issue.path} ${issue.severity}: ${about}${issue.message}`;
}
