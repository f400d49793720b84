import { MAX_ISSUES_PER_CODE } from './limits.js';
import { segmentOf } from './pointer.js';
import type { IssueCode, ValidationIssue } from './ValidationReport.js';

/**
 * An issue before it is placed in the text: `at` is an absolute character offset in the
 * text (parse errors), `offset` one inside the string value at `path` (expressions).
 */
export interface PendingIssue extends ValidationIssue {
  at?: number;
  offset?: number;
}

export interface IssuePlace {
  at?: number;
  offset?: number;
}

/** Collects issues from the checks, filling in the segment from the path. */
export class IssueList {
  readonly items: PendingIssue[] = [];
  private readonly counts = new Map<IssueCode, number>();

  add(code: IssueCode, path: string, message: string, place?: IssuePlace): void {
    const issue: PendingIssue = { code, path, message };
    const segment = segmentOf(path);
    if (segment !== undefined) issue.segment = segment;
    if (place?.at !== undefined) issue.at = place.at;
    if (place?.offset !== undefined) issue.offset = place.offset;
    this.items.push(issue);
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
  }

  /**
   * Whether one more issue of `code` would still be listed in the report (the rest are only
   * counted). Costly hints (did-you-mean over every segment id) are worked out only then:
   * a story with thousands of bad references would otherwise cost ids × references.
   */
  listed(code: IssueCode): boolean {
    return (this.counts.get(code) ?? 0) < MAX_ISSUES_PER_CODE;
  }

  has(predicate: (issue: PendingIssue) => boolean): boolean {
    return this.items.some(predicate);
  }
}
