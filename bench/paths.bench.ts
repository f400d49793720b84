// Path search speed: `enumeratePaths` (iterative, memoized) against a naive recursive
// enumeration measured in the same run, on the examples and on a generated larger story.
// Run: npx tsx bench/paths.bench.ts   (medians of several runs; compare ratios, not times)
import { readFileSync } from 'node:fs';
import { enumeratePaths } from '../src/core/paths/enumeratePaths.js';
import { followRoutes } from '../src/core/rules/followRoutes.js';
import { initialPosition } from '../src/core/rules/initialPosition.js';
import type { Position } from '../src/core/rules/Position.js';
import { applyOption, takeableOptions } from '../src/core/rules/takeOption.js';
import type { ChoiceOption, Segment, Story } from '../src/core/story/Story.js';
import { median } from './support/quantile.js';

const RUNS = 5;

/** Baseline: plain recursion over every branch, no memo (what a first attempt looks like). */
function naiveCount(story: Story, maxDepth: number): number {
  const walk = (from: Position, depthLeft: number): number => {
    const position = followRoutes(story, from);
    if (story.segments[position.segmentId]?.end) return 1;
    if (depthLeft === 0) return 0;
    let n = 0;
    for (const option of takeableOptions(story, position)) n += walk(applyOption(position, option), depthLeft - 1);
    return n;
  };
  return walk(initialPosition(story), maxDepth);
}

/**
 * `layers` × `width` choice segments with three options each, visit-count gates and back
 * edges (cycles). `counter`: a score that only grows, so states rarely repeat (the memo's
 * worst case); otherwise a flag and a capped score, so branches keep meeting again (the
 * diamond shape most stories have).
 */
function generatedStory(layers: number, width: number, counter: boolean): Story {
  const segments: Record<string, Segment> = {};
  const id = (l: number, w: number) => `l${l}w${w}`;
  const sets: Record<string, string>[] = counter
    ? [{ score: 'score + 1' }, { flag: '!flag' }, { score: 'score - 1' }]
    : [{ flag: 'true' }, { flag: 'false', score: '1' }, { score: '0' }];
  for (let l = 0; l < layers; l++) {
    for (let w = 0; w < width; w++) {
      const to = (dw: number) =>
        l + 1 < layers ? id(l + 1, (w + dw) % width) : ['gold', 'silver', 'ash'][(w + dw) % 3]!;
      const options: ChoiceOption[] = [
        { id: 'left', label: 'Left', next: to(0), set: sets[0] },
        { id: 'right', label: 'Right', next: to(1), if: 'score >= 1 || flag', set: sets[1] },
        l > 1 && w === 0 && (counter || l % 3 === 2)
          ? { id: 'back', label: 'Back', next: id(l - 2, w), if: `visits.${id(l - 2, w)} < 2` }
          : { id: 'skip', label: 'Skip', next: to(2), if: 'score < 3', set: sets[2] },
      ];
      segments[id(l, w)] = {
        media: `media/${id(l, w)}/index.m3u8`,
        duration: 4,
        choice: { prompt: '?', at: 1, default: 'left', options },
      };
    }
  }
  for (const end of ['gold', 'silver', 'ash'])
    segments[end] = { media: `media/${end}/index.m3u8`, duration: 4, end: true };
  return {
    offshoot: 1,
    id: 'generated',
    title: 'Generated',
    start: id(0, 0),
    state: { score: 0, flag: false },
    segments,
  };
}

function time<T>(fn: () => T): { ms: number; value: T } {
  let value!: T;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    value = fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), value };
}

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`../examples/${name}.json`, import.meta.url), 'utf8')) as Story;
// [name, story, max depth, run the naive baseline too (it is exponential: only where it finishes)]
const cases: [string, Story, number, boolean][] = [
  ['night-walk', load('night-walk'), 20, true],
  ['three-doors', load('three-doors'), 14, true],
  ['three-doors', load('three-doors'), 30, false],
  ['diamond 8×6', generatedStory(8, 6, false), 11, true],
  ['diamond 8×6', generatedStory(8, 6, false), 24, false],
  ['diamond 16×10', generatedStory(16, 10, false), 24, false],
  ['counter 8×6', generatedStory(8, 6, true), 10, true],
];

const rows = cases.map(([name, story, maxDepth, withNaive]) => {
  let expanded = 0;
  const fast = time(() => enumeratePaths(story, { maxDepth, onProgress: (p) => (expanded = p.explored) }));
  const naive = withNaive ? time(() => naiveCount(story, maxDepth)) : undefined;
  if (naive && naive.value !== fast.value.playthroughs)
    throw new Error(`${name}: naive ${naive.value} ≠ ${fast.value.playthroughs}`);
  return {
    story: name,
    segments: Object.keys(story.segments).length,
    'max depth': maxDepth,
    // What is measured is the time to *count* the playthroughs (none is played): the memo
    // expands each distinct state once, so the work done is the states expanded, not the count.
    'playthroughs counted': fast.value.playthroughs,
    truncated: fast.value.truncated,
    'states expanded': expanded,
    'count ms (enumeratePaths)': fast.ms.toFixed(2),
    'count ms (naive walk, baseline)': naive ? naive.ms.toFixed(2) : '(too slow)',
    'naive / enumeratePaths': naive ? `${(naive.ms / fast.ms).toFixed(1)}×` : '',
  };
});
console.log(
  `paths bench: time to count every playthrough (none is played), median of ${RUNS} runs, Node ${process.version}`,
);
console.table(rows);
