// A plain recursive enumeration with no memo and no cleverness: the reference that
// enumeratePaths must agree with.
import { followRoutes } from '../../../src/core/rules/followRoutes.js';
import { initialPosition } from '../../../src/core/rules/initialPosition.js';
import type { Position } from '../../../src/core/rules/Position.js';
import { applyOption, takeableOptions } from '../../../src/core/rules/takeOption.js';
import { visibleOptions } from '../../../src/core/rules/visibleOptions.js';
import type { Story } from '../../../src/core/story/Story.js';

export function naivePaths(story: Story, maxDepth: number) {
  const endings: Record<string, number> = {};
  for (const [id, s] of Object.entries(story.segments)) if (s.end) endings[id] = 0;
  const shown = new Set<string>();
  let truncated = false;
  const walk = (from: Position, depthLeft: number): void => {
    let position: Position;
    try {
      position = followRoutes(story, from);
    } catch {
      truncated = true;
      return;
    }
    if (story.segments[position.segmentId]?.end) {
      endings[position.segmentId]! += 1;
      return;
    }
    if (depthLeft === 0) {
      truncated = true;
      return;
    }
    for (const o of visibleOptions(story, position)) shown.add(`${position.segmentId}:${o.id}`);
    for (const o of takeableOptions(story, position)) walk(applyOption(position, o), depthLeft - 1);
  };
  walk(initialPosition(story), maxDepth);
  const all = Object.entries(story.segments).flatMap(([id, s]) =>
    (s.choice?.options ?? []).map((o) => `${id}:${o.id}`),
  );
  return {
    playthroughs: Object.values(endings).reduce((a, b) => a + b, 0),
    endings,
    neverShown: all.filter((k) => !shown.has(k)),
    unreachedEndings: Object.keys(endings).filter((id) => endings[id] === 0),
    truncated,
  };
}
