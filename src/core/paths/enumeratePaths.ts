import { followRoutes } from '../rules/followRoutes.js';
import { initialPosition } from '../rules/initialPosition.js';
import type { Position } from '../rules/Position.js';
import { RuleError } from '../rules/RuleError.js';
import { applyOption, takeableOptions } from '../rules/takeOption.js';
import { visibleOptions } from '../rules/visibleOptions.js';
import type { Story } from '../story/Story.js';
import type { EnumeratePathsOptions, PathsReport } from './PathsReport.js';
import { relevantNames } from './relevantNames.js';

/** Playthroughs below a state, per ending (indexed like `endingIds`), and whether any were cut. */
interface Tally {
  perEnding: number[];
  truncated: boolean;
}

interface Frame {
  key: string;
  position: Position;
  depthLeft: number;
  children: Position[];
  next: number;
  tally: Tally;
}

// Past this many remembered states the search goes on without remembering more (still exact).
const MAX_MEMO = 2_000_000;

/**
 * Counts every distinct playthrough of `story` up to `maxDepth` choices, tracking state so
 * hidden options are never taken. Iterative (an explicit stack, no recursion) and memoized
 * on (segment, the variables and visit counts expressions read, depth left): two branches
 * that reach the same state share one count. Cycles are cut by the depth bound
 * (`truncated: true`).
 *
 * @example
 * const report = enumeratePaths(story, { maxDepth: 10, onProgress: (p) => console.error(p.explored) });
 * report.endings; // { home: 1, lost: 2 }
 */
export function enumeratePaths(story: Story, options: EnumeratePathsOptions = {}): PathsReport {
  const maxDepth = options.maxDepth ?? 20;
  const every = Math.max(1, options.progressEvery ?? 10_000);
  const names = relevantNames(story);
  const endingIds = Object.keys(story.segments).filter((id) => story.segments[id]?.end);
  const endingIndex = new Map(endingIds.map((id, i) => [id, i]));
  const shown = new Set<string>();
  const reached = new Set<string>();
  const memo = new Map<string, Tally>();
  let explored = 0;

  const empty = (truncated: boolean): Tally => ({ perEnding: endingIds.map(() => 0), truncated });
  // Values only, in the fixed order of `names` (prune keeps every relevant visit count): short keys, less memory.
  const keyOf = (position: Position, depthLeft: number): string => {
    let key = `${depthLeft}|${position.segmentId}|`;
    for (const name of names.vars) {
      const value = position.vars[name];
      key += typeof value === 'string' ? `${JSON.stringify(value)},` : `${String(value)},`;
    }
    for (const id of names.visits) key += `${position.visits[id] ?? 0},`;
    return key;
  };
  // Only the visit counts expressions read are kept, always all of them in the same order:
  // positions stay small on big stories and every pruned `visits` shares one object shape.
  const prune = (position: Position): Position => {
    const visits: Position['visits'] = {};
    for (const id of names.visits) visits[id] = position.visits[id] ?? 0;
    return { segmentId: position.segmentId, vars: position.vars, visits };
  };
  const settle = (from: Position): Position | undefined => {
    try {
      return prune(followRoutes(story, prune(from)));
    } catch (error) {
      if (error instanceof RuleError && error.code === 'route-loop') return undefined;
      throw error;
    }
  };

  // Opens a frame for `position`, or returns its tally at once when it needs no children.
  const open = (position: Position | undefined, depthLeft: number, key: string): Frame | Tally => {
    explored++;
    if (explored % every === 0) options.onProgress?.({ explored, states: memo.size });
    if (!position) return empty(true);
    const ending = endingIndex.get(position.segmentId);
    if (ending !== undefined) {
      reached.add(position.segmentId);
      const tally = empty(false);
      tally.perEnding[ending] = 1;
      return tally;
    }
    if (depthLeft === 0) return empty(true);
    for (const option of visibleOptions(story, position)) shown.add(`${position.segmentId}:${option.id}`);
    const children = takeableOptions(story, position).map((option) => applyOption(position, option));
    return { key, position, depthLeft, children, next: 0, tally: empty(false) };
  };

  const root = settle(initialPosition(story));
  const start = open(root, maxDepth, root ? keyOf(root, maxDepth) : '');
  let result: Tally;
  if ('perEnding' in start) {
    result = start;
  } else {
    const stack: Frame[] = [start];
    result = empty(false);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.next < frame.children.length) {
        const child = settle(frame.children[frame.next++]!);
        const depthLeft = frame.depthLeft - 1;
        const key = child ? keyOf(child, depthLeft) : '';
        const known = child ? memo.get(key) : undefined;
        const opened = known ?? open(child, depthLeft, key);
        if ('perEnding' in opened) add(frame.tally, opened);
        else stack.push(opened);
        continue;
      }
      stack.pop();
      if (memo.size < MAX_MEMO) memo.set(frame.key, frame.tally);
      const parent = stack[stack.length - 1];
      if (parent) add(parent.tally, frame.tally);
      else result = frame.tally;
    }
  }
  options.onProgress?.({ explored, states: memo.size });

  const endings: Record<string, number> = {};
  endingIds.forEach((id, i) => (endings[id] = result.perEnding[i] ?? 0));
  const neverShown: string[] = [];
  for (const [segmentId, segment] of Object.entries(story.segments)) {
    for (const option of segment.choice?.options ?? []) {
      if (!shown.has(`${segmentId}:${option.id}`)) neverShown.push(`${segmentId}:${option.id}`);
    }
  }
  return {
    playthroughs: result.perEnding.reduce((sum, n) => sum + n, 0),
    endings,
    neverShown,
    unreachedEndings: endingIds.filter((id) => !reached.has(id)),
    truncated: result.truncated,
  };
}

function add(into: Tally, from: Tally): void {
  for (let i = 0; i < into.perEnding.length; i++) into.perEnding[i]! += from.perEnding[i] ?? 0;
  if (from.truncated) into.truncated = true;
}
