import type { ChoiceStep } from '../protocol/GenerationRequest.js';
import type { Story } from '../story/Story.js';
import { enterSegment } from './enterSegment.js';
import type { Position } from './Position.js';
import { positionKey } from './positionKey.js';
import { resolveNext } from './resolveNext.js';
import { segmentOf } from './segmentOf.js';
import { applyOption, takeableOptions } from './takeOption.js';

/** A segment the viewer could reach soon, and how soon. */
export interface Candidate {
  segmentId: string;
  /** Earliest seconds from the start of the current segment until it could start playing. */
  seconds: number;
  /** Choice or route levels away (1 = right after the current segment). */
  depth: number;
  /** The choices from the current segment to it on the earliest path (empty through routes only). */
  via: ChoiceStep[];
  /** The viewer's state on arrival by that path (what a generate prompt's `{var}`s read). */
  position: Position;
}

interface Branch {
  position: Position;
  seconds: number;
  via: ChoiceStep[];
}

/**
 * The segments that could come next within `depth` choice/route levels of `position`, each
 * once, nearest deadline first. State is tracked along each branch, so hidden options and
 * routes that cannot hold are not followed. Branches that reach the same state merge,
 * which also bounds cycles.
 *
 * @example
 * candidateSegments(story, initialPosition(story), 2).map((c) => [c.segmentId, c.seconds]);
 * // [['lantern', 6], ['dark', 6], ['forest', 10], ...]
 */
export function candidateSegments(story: Story, position: Position, depth: number): Candidate[] {
  const best = new Map<string, Candidate>();
  const seen = new Set<string>([positionKey(position)]);
  let frontier: Branch[] = [{ position, seconds: 0, via: [] }];
  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    const nextFrontier: Branch[] = [];
    for (const branch of frontier) {
      for (const child of expand(story, branch)) {
        const key = positionKey(child.position);
        if (seen.has(key)) continue;
        seen.add(key);
        nextFrontier.push(child);
        const known = best.get(child.position.segmentId);
        if (!known || child.seconds < known.seconds) {
          best.set(child.position.segmentId, {
            segmentId: child.position.segmentId,
            seconds: child.seconds,
            depth: level,
            via: child.via,
            position: child.position,
          });
        }
      }
    }
    frontier = nextFrontier;
  }
  return [...best.values()].sort((a, b) => a.seconds - b.seconds || a.depth - b.depth);
}

function expand(story: Story, branch: Branch): Branch[] {
  const { position } = branch;
  const segment = segmentOf(story, position.segmentId);
  const seconds = branch.seconds + segment.duration;
  if (segment.choice) {
    return takeableOptions(story, position).map((option) => ({
      position: applyOption(position, option),
      seconds,
      via: [...branch.via, { segmentId: position.segmentId, optionId: option.id }],
    }));
  }
  const to = resolveNext(story, position);
  return to === undefined ? [] : [{ position: enterSegment(position, to), seconds, via: branch.via }];
}
