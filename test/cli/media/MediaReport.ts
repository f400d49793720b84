// The part of `offshoot validate --media --json`'s output the media tests read.

/** One finding of the media check: its code, where (segment, story line, URL) and why. */
export interface MediaIssue {
  code: string;
  severity: string;
  segment: string;
  url: string;
  message: string;
  line: number;
}

/** The report: whether the story is valid, and the media check's findings by severity. */
export type MediaReport = { valid: boolean; media: Record<'errors' | 'warnings' | 'notes', MediaIssue[]> };
