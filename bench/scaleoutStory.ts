// The generated story the backend benches walk: a seeded binary tree of choices whose every
// segment is a `generate` segment with its own prompt and seed, so every branch is a render of
// its own (a cold store renders each once; viewers on the same path share them).

const SETTINGS = ['forest', 'city street', 'beach', 'desert', 'mountain', 'meadow', 'library', 'rooftop'];
const TIMES = ['at dawn', 'at noon', 'at dusk', 'at night'];
const FIGURES = ['a fox', 'a robot', 'a cat', 'a knight', 'an owl', 'a rabbit'];

export interface BranchingStoryOptions {
  id?: string;
  /** Choice levels below the start (leaves are endings). Default 3. */
  levels?: number;
  /** Options per choice. Default 2. */
  branching?: number;
  /** Seconds per segment. Default 4. */
  seconds?: number;
  /** Seconds into a segment when its choice opens (the viewers choose then). Default 1. */
  choiceAt?: number;
}

/** Segment id of the child reached by option `i` from `id` ("s" → "s0", "s1"; "s0" → "s00"…). */
export const childOf = (id: string, i: number): string => `${id}${i}`;

/**
 * A story of `levels` choice levels, every segment generated.
 *
 * @example
 * const story = branchingStory({ levels: 3 }); // 15 segments: s, s0, s1, s00 … s111
 */
export function branchingStory(options: BranchingStoryOptions = {}): Record<string, unknown> {
  const { id = 'branching', levels = 3, branching = 2, seconds = 4, choiceAt = 1 } = options;
  const segments: Record<string, unknown> = {};
  let n = 0;
  const add = (segmentId: string, depth: number): void => {
    const k = n++;
    const prompt = `${FIGURES[k % FIGURES.length]} in a ${SETTINGS[(k * 3) % SETTINGS.length]} ${TIMES[k % TIMES.length]}`;
    const segment: Record<string, unknown> = { generate: { prompt, seed: 100 + k }, duration: seconds };
    if (depth === levels) segment.end = true;
    else {
      const children = Array.from({ length: branching }, (_, i) => childOf(segmentId, i));
      segment.choice = {
        prompt: 'Which way?',
        at: choiceAt,
        until: seconds,
        default: 'o0',
        options: children.map((child, i) => ({ id: `o${i}`, label: `Way ${i + 1}`, next: child })),
      };
      for (const child of children) add(child, depth + 1);
    }
    segments[segmentId] = segment;
  };
  add('s', 0);
  return { offshoot: 1, id, title: 'Branching bench story', start: 's', segments };
}
