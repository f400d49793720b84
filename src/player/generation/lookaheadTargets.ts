import type { ChoiceStep, Story } from '../../core/index.js';
import type { Position } from '../../core/rules/index.js';
import { candidateSegments, replayHistory } from '../../core/rules/index.js';
import type { LookaheadTarget } from './LookaheadPolicy.js';

/** A lookahead target plus the history to send with its request. */
export interface PlannedTarget extends LookaheadTarget {
  /**
   * The viewer's choices so far followed by the choices on the earliest path to it: the
   * backend replays this to learn the state on arrival (the `{var}`s its prompt reads), and
   * the segment is then at most a route hop or two beyond where the replay ends.
   */
  history: ChoiceStep[];
}

/**
 * What the viewer at the start of `position.segmentId` could reach within `depth` levels,
 * keeping only generated segments: the current one (due now, when generated) and every
 * candidate with its earliest arrival in seconds.
 *
 * @example
 * planTargets(story, initialPosition(story), [], 2); // [{ segmentId: 'forest', seconds: 6, durationSeconds: 8, history: [...] }, ...]
 */
export function planTargets(
  story: Story,
  position: Position,
  history: readonly ChoiceStep[],
  depth: number,
): PlannedTarget[] {
  const ahead = candidateSegments(story, position, depth).map((c) => ({
    segmentId: c.segmentId,
    seconds: c.seconds,
    history: [...history, ...c.via],
  }));
  return generated(story, [{ segmentId: position.segmentId, seconds: 0, history: [...history] }, ...ahead]);
}

/**
 * After a choice: the current segment (still playing), the chosen one (due when the current
 * one ends, `remaining` seconds from now) and what lies within `depth` levels beyond it.
 * Everything else is unreachable.
 *
 * @example
 * commitTargets(story, 'intro', [{ segmentId: 'intro', optionId: 'lantern' }], 1.5, 2);
 */
export function commitTargets(
  story: Story,
  currentSegmentId: string,
  history: readonly ChoiceStep[],
  remaining: number,
  depth: number,
): PlannedTarget[] {
  const chosen = replayHistory(story, history);
  const ahead = candidateSegments(story, chosen, depth).map((c) => ({
    segmentId: c.segmentId,
    seconds: remaining + c.seconds,
    history: [...history, ...c.via],
  }));
  return generated(story, [
    { segmentId: currentSegmentId, seconds: 0, history: [...history] },
    { segmentId: chosen.segmentId, seconds: remaining, history: [...history] },
    ...ahead,
  ]);
}

function generated(
  story: Story,
  list: Array<{ segmentId: string; seconds: number; history: ChoiceStep[] }>,
): PlannedTarget[] {
  const seen = new Set<string>();
  const out: PlannedTarget[] = [];
  for (const { segmentId, seconds, history } of list) {
    const segment = Object.hasOwn(story.segments, segmentId) ? story.segments[segmentId] : undefined;
    if (!segment?.generate || seen.has(segmentId)) continue;
    seen.add(segmentId);
    out.push({ segmentId, seconds, durationSeconds: segment.duration, history });
  }
  return out;
}
