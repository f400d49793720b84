import type { IssueCode, ValidationIssue } from './ValidationReport.js';
import { segmentOf } from './pointer.js';

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

  add(code: IssueCode, path: string, message: string, place?: IssuePlace): void {
    const issue: PendingIssue = { code, path, message };
    const segment = segmentOf(path);
    if (segment !== undefined) issue.segment = segment;
    if (place?.at !== undefined) issue.at = place.at;
    if (place?.offset !== undefined) issue.offset = place.offset;
    this.items.push(issue);
  }

  has(predicate: (issue: PendingIssue) => boolean): boolean {
    return this.items.some(predicate);
  }
}
