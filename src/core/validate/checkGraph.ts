import type { IssueList } from './IssueList.js';
import { pointer } from './pointer.js';
import { fieldAt, itemsOf, segmentsOf, stringAt } from './storyView.js';

/**
 * Static graph checks, ignoring conditions (any option or route may be taken): an ending
 * must be reachable from `start` (`no-ending`); no reachable segment may be a dead loop with
 * no way to an ending (`trap`); segments nothing leads to are reported (`unreachable`,
 * a warning). Run only on a story whose references all resolve.
 */
export function checkGraph(story: unknown, issues: IssueList): void {
  const segments = segmentsOf(story);
  const index = new Map(segments.map(([id], i) => [id, i]));
  const targets: number[][] = segments.map(([, segment]) =>
    successors(segment).flatMap((t) => (index.has(t) ? [index.get(t)!] : [])),
  );
  const start = index.get(stringAt(story, 'start') ?? '');
  if (start === undefined) return;
  const reachable = spread([start], targets);
  const sources: number[][] = segments.map(() => []);
  targets.forEach((list, from) => list.forEach((to) => sources[to]!.push(from)));
  const endings = segments.flatMap(([, segment], i) => (fieldAt(segment, 'end') === true ? [i] : []));
  const canEnd = spread(endings, sources);
  if (!canEnd[start]) {
    const startId = segments[start]![0];
    issues.add(
      'no-ending',
      '/start',
      `no ending can be reached from \`start\` (${startId}): mark a segment with \`"end": true\` and lead to it from the story's paths`,
    );
  } else {
    segments.forEach(([id], i) => {
      if (!reachable[i] || canEnd[i]) return;
      const leads = [...new Set(targets[i]!.map((t) => segments[t]![0]))];
      issues.add(
        'trap',
        pointer('segments', id),
        `segment ${id} is a trap: no ending can be reached from it (it leads only to ${leads.slice(0, 4).join(', ')}${leads.length > 4 ? ', …' : ''}); add an option or route that leads towards an ending`,
      );
    });
  }
  segments.forEach(([id], i) => {
    if (!reachable[i])
      issues.add(
        'unreachable',
        pointer('segments', id),
        `segment ${id} can never be played: nothing leads to it from \`start\`; link it from a \`next\` or an option, or remove it`,
      );
  });
}

function successors(segment: unknown): string[] {
  const next = fieldAt(segment, 'next');
  if (typeof next === 'string') return [next];
  const out = itemsOf(next).map((route) => stringAt(route, 'to'));
  for (const option of itemsOf(fieldAt(fieldAt(segment, 'choice'), 'options'))) out.push(stringAt(option, 'next'));
  return out.filter((t): t is string => t !== undefined);
}

/** Breadth-first flood from `from` along `edges` (explicit queue: graphs can be thousands deep). */
function spread(from: number[], edges: number[][]): boolean[] {
  const seen = edges.map(() => false);
  const queue = [...from];
  for (const i of from) seen[i] = true;
  for (let head = 0; head < queue.length; head++) {
    for (const next of edges[queue[head]!]!) {
      if (!seen[next]) {
        seen[next] = true;
        queue.push(next);
      }
    }
  }
  return seen;
}
