import type { IssueList } from './IssueList.js';
import { pointer } from './pointer.js';
import { segmentsOf } from './storyView.js';

const SOURCES = ['media', 'generate'];
const EXITS = ['choice', 'next', 'end'];

/**
 * Each segment has exactly one source (`media` or `generate`) and exactly one way on
 * (`choice`, `next` or `end`). The schema file states the same for editors.
 */
export function checkSegmentShape(story: unknown, issues: IssueList): void {
  for (const [id, segment] of segmentsOf(story)) {
    exactlyOne(id, segment, SOURCES, issues, '');
    exactlyOne(id, segment, EXITS, issues, ' (`"end": true` if the story ends here)');
  }
}

function exactlyOne(
  id: string,
  segment: Record<string, unknown>,
  fields: string[],
  issues: IssueList,
  hint: string,
): void {
  const present = fields.filter((f) => Object.hasOwn(segment, f));
  if (present.length === 1) return;
  const list = fields.map((f) => `\`${f}\``).join(fields.length > 2 ? ', ' : ' or ');
  const message =
    present.length === 0
      ? `segment ${id}: needs one of ${list}${hint}`
      : `segment ${id}: has ${present.map((f) => `\`${f}\``).join(' and ')}; keep exactly one of ${list}`;
  issues.add('schema', pointer('segments', id), message);
}
