import { didYouMean } from './didYouMean.js';
import { clip } from './clip.js';
import type { IssueList } from './IssueList.js';
import { describe, pointer } from './pointer.js';
import { fieldAt, isRecord, itemsOf, SEGMENT_ID, segmentsOf, stringAt } from './storyView.js';

/**
 * Every segment reference must exist (`start`, `next`, route `to`, option `next`); option ids
 * are unique per choice; `default` names an option; routes end with exactly one fallback.
 */
export function checkReferences(story: unknown, issues: IssueList): void {
  const segments = segmentsOf(story);
  const ids = new Set(Object.keys(isRecord(fieldAt(story, 'segments')) ? (fieldAt(story, 'segments') as object) : {}));
  const known = [...ids];
  // Paths and wording are built only for a miss: big stories have tens of thousands of references.
  const check: Check = (target, at, label, anyString = false) => {
    if (target === undefined || ids.has(target) || (!SEGMENT_ID.test(target) && !anyString)) return;
    const guess = issues.listed('unknown-segment') ? didYouMean(target, known) : undefined;
    const path = at();
    const what = label ?? describe(path.slice(0, path.lastIndexOf('/')));
    issues.add(
      'unknown-segment',
      path,
      `${what} names segment \`${clip(target)}\`, which does not exist; ${guess ? `did you mean \`${guess}\`?` : 'add that segment or fix the id'}`,
    );
  };
  // The schema gives `start` no id pattern: any string that names no segment is reported here.
  check(stringAt(story, 'start'), () => '/start', '`start`', true);
  for (const [id, segment] of segments) {
    const next = fieldAt(segment, 'next');
    if (typeof next === 'string') check(next, () => pointer('segments', id, 'next'), `\`next\` of segment ${id}`);
    if (Array.isArray(next)) checkRoutes(id, next, issues, check);
    const choice = fieldAt(segment, 'choice');
    if (isRecord(choice)) checkChoice(id, choice, issues, check);
  }
}

type Check = (target: string | undefined, path: () => string, what?: string, anyString?: boolean) => void;

function checkRoutes(id: string, routes: unknown[], issues: IssueList, check: Check): void {
  routes.forEach((route, i) => {
    const path = (): string => pointer('segments', id, 'next', i);
    check(stringAt(route, 'to'), () => `${path()}/to`);
    if (!isRecord(route)) return;
    const last = i === routes.length - 1;
    const hasIf = Object.hasOwn(route, 'if');
    if (last && hasIf) {
      issues.add(
        'bad-route',
        `${path()}/if`,
        `the last route of segment ${id} has an \`if\`: when it is false nothing could play; remove its \`if\` so it is the fallback, or add a route without \`if\` after it`,
      );
    } else if (!last && !hasIf) {
      issues.add(
        'bad-route',
        path(),
        `${describe(path())} has no \`if\`, so the routes after it can never be taken; give it an \`if\` or move it last`,
      );
    }
  });
}

function checkChoice(id: string, choice: Record<string, unknown>, issues: IssueList, check: Check): void {
  const options = itemsOf(choice.options);
  const optionIds = new Map<string, number>();
  options.forEach((option, i) => {
    const path = (): string => pointer('segments', id, 'choice', 'options', i);
    check(stringAt(option, 'next'), () => `${path()}/next`);
    const optionId = stringAt(option, 'id');
    if (optionId === undefined) return;
    const first = optionIds.get(optionId);
    if (first !== undefined) {
      issues.add(
        'duplicate-option',
        `${path()}/id`,
        `options ${first + 1} and ${i + 1} of segment ${id} are both \`${optionId}\`: option ids must be unique within a choice; rename one`,
      );
    } else {
      optionIds.set(optionId, i);
    }
  });
  const chosen = stringAt(choice, 'default');
  if (chosen === undefined) return;
  const defaultPath = pointer('segments', id, 'choice', 'default');
  const index = optionIds.get(chosen);
  if (index === undefined) {
    const list = [...optionIds.keys()];
    const guess = issues.listed('unknown-default') ? didYouMean(chosen, list) : undefined;
    const named =
      list
        .slice(0, 10)
        .map((o) => `\`${o}\``)
        .join(', ') + (list.length > 10 ? ', …' : '');
    const hint = guess ? `did you mean \`${guess}\`?` : `use one of ${named || 'its option ids'}`;
    issues.add(
      'unknown-default',
      defaultPath,
      `\`default\` of segment ${id} is \`${chosen}\`, which is not one of its options; ${hint}`,
    );
  } else if (isRecord(options[index]) && Object.hasOwn(options[index], 'if')) {
    issues.add(
      'hidden-default',
      defaultPath,
      `the default option \`${chosen}\` of segment ${id} has an \`if\`: when it is hidden and time runs out, the first visible option is taken instead (and if none is visible, \`${chosen}\` is taken anyway); drop the \`if\` or pick an always-visible default`,
    );
  }
}
