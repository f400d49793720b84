import type { IssueList } from './IssueList.js';
import { pointer } from './pointer.js';
import { fieldAt, itemsOf, numberAt, segmentsOf } from './storyView.js';

/** Shortest choice window a viewer can act in, in seconds. */
export const MIN_CHOICE_WINDOW = 1;

/**
 * Times must fit the segment: a choice appears at `at` (≥ 0) and times out at `until`
 * (after `at`, at most the duration, the window at least 1 s); captions run forwards inside it.
 */
export function checkTiming(story: unknown, issues: IssueList): void {
  for (const [id, segment] of segmentsOf(story)) {
    const duration = numberAt(segment, 'duration');
    const choice = fieldAt(segment, 'choice');
    const base = pointer('segments', id, 'choice');
    const at = numberAt(choice, 'at');
    const until = numberAt(choice, 'until');
    const bad = (path: string, message: string): void => issues.add('bad-timing', path, `segment ${id}: ${message}`);
    if (at !== undefined && at < 0) bad(`${base}/at`, `the choice appears at ${at} s; \`at\` must be 0 or more`);
    if (until !== undefined && until < 0)
      bad(`${base}/until`, `the choice times out at ${until} s; \`until\` must be 0 or more`);
    if (until !== undefined && duration !== undefined && until > duration) {
      bad(
        `${base}/until`,
        `the choice times out at ${until} s, after the segment ends (${duration} s); set \`until\` to at most ${duration}`,
      );
    }
    const end = until ?? duration;
    if (at !== undefined && at >= 0 && end !== undefined && end >= 0) {
      const endName = until === undefined ? 'the end of the segment' : '`until`';
      if (at >= end)
        bad(
          `${base}/at`,
          `the choice appears at ${at} s but time runs out at ${end} s (${endName}); \`at\` must be before ${endName}`,
        );
      else if (end - at < MIN_CHOICE_WINDOW) {
        bad(
          `${base}/at`,
          `the choice is open only ${round(end - at)} s (from ${at} to ${end} s); give viewers at least ${MIN_CHOICE_WINDOW} s by moving \`at\` earlier${until === undefined ? '' : ' or `until` later'}`,
        );
      }
    }
    itemsOf(fieldAt(segment, 'captions')).forEach((caption, i) => {
      const path = pointer('segments', id, 'captions', i);
      const from = numberAt(caption, 'from');
      const to = numberAt(caption, 'to');
      if (from !== undefined && from < 0)
        bad(`${path}/from`, `caption ${i + 1} starts at ${from} s; \`from\` must be 0 or more`);
      if (from !== undefined && to !== undefined && to <= from)
        bad(
          `${path}/to`,
          `caption ${i + 1} ends (${to} s) before it starts (${from} s); \`to\` must be after \`from\``,
        );
      if (to !== undefined && duration !== undefined && to > duration)
        bad(`${path}/to`, `caption ${i + 1} ends at ${to} s, after the segment ends (${duration} s)`);
    });
  }
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
