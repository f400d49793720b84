import { enterSegment } from '../../core/rules/enterSegment.js';
import { initialPosition } from '../../core/rules/initialPosition.js';
import type { Position } from '../../core/rules/Position.js';
import { resolveNext } from '../../core/rules/resolveNext.js';
import { applyOption, takeableOptions } from '../../core/rules/takeOption.js';
import type { Story } from '../../core/story/Story.js';

/** One segment of a path, in play order: the option to take there when it asks. */
export interface PathStep {
  segmentId: string;
  /** Set on segments with a choice: the option this path takes. */
  optionId?: string;
}

/** One playthrough from the start to an ending, as the player should play it. */
export interface StoryPath {
  steps: PathStep[];
  /** The `end` segment it finishes on. */
  ending: string;
  /** Sum of the declared durations of its segments, seconds (what real-time playback takes). */
  mediaSeconds: number;
}

export interface ListPathsOptions {
  /** Stop after this many paths. Default 50. */
  maxPaths?: number;
  /** Most choices in one path (loops are cut there). Default 20. */
  maxDepth?: number;
  /** Most states expanded before giving up on finding more. Default 200 000. */
  maxExplored?: number;
}

export interface PathList {
  paths: StoryPath[];
  /** True when more paths exist than were listed (a cap was hit or a branch was cut). */
  truncated: boolean;
}

/** No path follows more `next` hops than this without a choice (the core's route-loop bound). */
const MAX_HOPS = 1000;

interface Walk {
  position: Position;
  steps: PathStep[];
}

/**
 * Concrete playthroughs of `story` (each segment and each option taken), shortest first
 * (breadth-first on choices), with the same pure rules the player runs: hidden options are
 * never taken, a choice with nothing visible takes its default, routes resolve on state.
 * `enumeratePaths` counts playthroughs; this lists them so each can be played.
 *
 * @example
 * const { paths } = listPaths(story, { maxPaths: 10 });
 * paths[0].steps; // [{ segmentId: 'intro', optionId: 'lantern' }, { segmentId: 'lantern' }, …]
 */
export function listPaths(story: Story, options: ListPathsOptions = {}): PathList {
  const maxPaths = options.maxPaths ?? 50;
  const maxDepth = options.maxDepth ?? 20;
  const maxExplored = options.maxExplored ?? 200_000;
  const paths: StoryPath[] = [];
  let truncated = false;
  let explored = 0;
  let frontier: Walk[] = [settle(story, { position: initialPosition(story), steps: [] })].filter(
    (w): w is Walk => w !== undefined,
  );
  for (let depth = 0; frontier.length > 0; depth++) {
    const next: Walk[] = [];
    for (const walk of frontier) {
      const segment = story.segments[walk.position.segmentId];
      if (!segment) continue;
      if (segment.end) {
        if (paths.length >= maxPaths) return { paths, truncated: true };
        paths.push({ steps: walk.steps, ending: walk.position.segmentId, mediaSeconds: seconds(story, walk.steps) });
        continue;
      }
      if (depth >= maxDepth || ++explored > maxExplored) {
        truncated = true;
        continue;
      }
      const head = walk.steps.slice(0, -1);
      const here = walk.steps[walk.steps.length - 1]!;
      for (const option of takeableOptions(story, walk.position)) {
        const child = settle(story, {
          position: applyOption(walk.position, option),
          steps: [...head, { ...here, optionId: option.id }],
        });
        if (child) next.push(child);
        else truncated = true;
      }
    }
    frontier = next;
  }
  return { paths, truncated };
}

/** Enter `walk`'s segment and follow `next` hops to the next choice or ending, recording each segment. */
function settle(story: Story, walk: Walk): Walk | undefined {
  let position = walk.position;
  const steps = [...walk.steps, { segmentId: position.segmentId }];
  for (let hops = 0; ; hops++) {
    const to = resolveNext(story, position);
    if (to === undefined) return { position, steps };
    if (hops >= MAX_HOPS) return undefined;
    position = enterSegment(position, to);
    steps.push({ segmentId: to });
  }
}

function seconds(story: Story, steps: PathStep[]): number {
  return steps.reduce((sum, step) => sum + (story.segments[step.segmentId]?.duration ?? 0), 0);
}
