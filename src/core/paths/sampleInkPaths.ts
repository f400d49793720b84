import { createInkStory } from '../ink/createInkStory.js';
import type { Story } from '../story/Story.js';
import { inkPlaces } from './inkPlaces.js';

/** What `sampleInkPaths` found: a sample of playthroughs, not an enumeration. */
export interface InkPathsReport {
  /** Random playthroughs played. */
  walks: number;
  /** Seed of the first walk (walk i uses seed + i): the same seed gives the same report. */
  seed: number;
  /** Knot (or knot.stitch) where a playthrough ended → how many of the walks ended there. */
  endings: Record<string, number>;
  /** Walks stopped at `maxSteps` choices before ink reached an end (a loop, or a very long story). */
  cut: number;
  /** Choices per finished walk: shortest, median, longest. */
  steps: { min: number; median: number; max: number };
  /** Knots and stitches where ink waited for the reader in some walk. */
  placesReached: string[];
  /** Knots and stitches of the compiled ink that no walk waited in (functions and knots that never stop for a choice are listed too). */
  placesNotReached: string[];
  /** Distinct ink states met (segments made). */
  statesMet: number;
}

export interface SampleInkPathsOptions {
  /** Playthroughs to play. Default 200. */
  walks?: number;
  /** Most choices in one playthrough. Default 500. */
  maxSteps?: number;
  /** Default 1. */
  seed?: number;
}

/**
 * `offshoot paths` for an ink story: ink's state space does not close (counters, read counts),
 * so instead of enumerating it plays `walks` random playthroughs with inkjs (each choice equally
 * likely, seeded so the report repeats) and reports where they ended, how long they were, and
 * which knots and stitches they reached, against the list of all in the compiled ink. A sample:
 * an ending no walk reached may still exist, which the report says.
 *
 * @example
 * const report = sampleInkPaths(story, inkJson, { walks: 500 });
 * report.endings; // { ending_return_to_normal: 12, make_your_peace: 3, … }
 */
export function sampleInkPaths(file: Story, inkJson: string, options: SampleInkPathsOptions = {}): InkPathsReport {
  const walks = options.walks ?? 200;
  const maxSteps = options.maxSteps ?? 500;
  const seed = options.seed ?? 1;
  const ink = createInkStory(inkJson, { id: file.id, title: file.title });
  const { story } = ink;
  const endings: Record<string, number> = {};
  const lengths: number[] = [];
  let cut = 0;
  for (let walk = 0; walk < walks; walk++) {
    const random = seeded(seed + walk);
    let id = story.start;
    let steps = 0;
    for (;;) {
      const segment = story.segments[id]!;
      const options = segment.choice?.options ?? [];
      if (segment.end || options.length === 0) {
        const place = (segment['x-ink' as never] as { path?: string } | undefined)?.path ?? id;
        endings[place] = (endings[place] ?? 0) + 1;
        lengths.push(steps);
        break;
      }
      if (steps >= maxSteps) {
        cut++;
        break;
      }
      id = options[Math.floor(random() * options.length)]!.next;
      steps++;
    }
  }
  lengths.sort((a, b) => a - b);
  const reached = ink.stats().places;
  return {
    walks,
    seed,
    endings,
    cut,
    steps: { min: lengths[0] ?? 0, median: middleOf(lengths), max: lengths.at(-1) ?? 0 },
    placesReached: [...reached].sort(),
    placesNotReached: inkPlaces(inkJson).filter((p) => !reached.has(p) && !reached.has(p.split('.')[0]!)),
    statesMet: ink.stats().known,
  };
}

/** A small seeded generator (LCG): enough to pick choices evenly, the same on every machine. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** The median of sorted `xs`: the middle value, or the mean of the two middle ones (0 for none). */
function middleOf(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  return ((xs[(xs.length - 1) >> 1] as number) + (xs[xs.length >> 1] as number)) / 2;
}
