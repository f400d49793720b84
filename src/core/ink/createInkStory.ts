import { Story as InkRuntime } from 'inkjs';
import type { ChoiceOption, Segment, StateValue, Story } from '../story/Story.js';
import { createIdAllocator } from './createIdAllocator.js';
import { hashText } from './hashText.js';
import { inkSegment } from './inkSegment.js';
import { readInkGlobals } from './readInkGlobals.js';
import { seedOf } from './seedOf.js';
import { waitForReader } from './waitForReader.js';
import type { InkWaitingPoint } from './waitForReader.js';

export interface InkStoryOptions {
  /** The story's id (snapshots and generation requests name it). Default `ink-story`. */
  id?: string;
  title?: string;
  /** ink's random seed (shuffles, RANDOM): fixed so the player and the backend's replay agree. Default from `id`. */
  seed?: number;
}

/** One ink waiting point the story has met: its saved ink state and what it shows. */
interface KnownPoint {
  state: string;
  point: InkWaitingPoint;
  globals: Record<string, StateValue>;
}

/** What an ink-driven story has explored so far (for coverage reports and tests). */
export interface InkStoryStats {
  /** Waiting points met (segments whose id is known). */
  known: number;
  /** Waiting points whose choices were followed (segments built). */
  built: number;
  /** Knots and stitches (`knot.stitch`) where a known waiting point is. */
  places: Set<string>;
}

/** A Story whose segments ink makes as they are asked for, and what it has explored. */
export interface InkStory {
  story: Story;
  stats(): InkStoryStats;
  /** The ink state (inkjs save JSON) of a known segment: what BACK and a snapshot restore to. */
  inkStateOf(segmentId: string): string | undefined;
}

/**
 * Lets inkjs drive a story behind the ordinary Story interface, so the story machine, the
 * player's lookahead, `replayHistory` (the backend's check) and Storybook work unchanged: each
 * place where ink waits for the reader is a segment, made the first time anyone reads
 * `story.segments[id]`; its options are ink's choices, each leading to the waiting point ink
 * reaches after that choice (played from the saved ink state, a few ms each). A segment's id is
 * the knot plus a hash of ink's whole state there, so the same path always gives the same ids
 * (in the player and on the backend) and back/restore return to exactly ink's state. State
 * variables are ink's globals; each option `set`s the values ink gives them after the choice.
 * Nothing is bounded: the story unfolds as far as anyone plays it.
 * See docs/decisions/0005-ink-import.md.
 *
 * @example
 * const { story } = createInkStory(compiledInkJson, { id: 'intercept' });
 * const actor = createActor(createStoryMachine(story), { clock });
 */
export function createInkStory(compiledJson: string, options: InkStoryOptions = {}): InkStory {
  const id = options.id ?? 'ink-story';
  const runtime = new InkRuntime(compiledJson);
  runtime.allowExternalFunctionFallbacks = true;
  runtime.onError = () => undefined; // errors also throw from Continue(), where waitForReader records them
  runtime.state.storySeed = options.seed ?? seedOf(id);
  const initial = readInkGlobals(runtime);

  const known = new Map<string, KnownPoint>();
  const segmentIds = new Map<string, string>(); // ink state JSON → segment id
  const target: Record<string, Segment> = {};

  /** The segment id of the waiting point ink is at now, recording it when new. */
  const arrive = (): string => {
    const point = waitForReader(runtime);
    const state = runtime.state.ToJson();
    const existing = segmentIds.get(state);
    if (existing) return existing;
    const segmentId = `${point.place.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 100)}-${hashText(state)}`;
    segmentIds.set(state, segmentId);
    known.set(segmentId, { state, point, globals: normalise(readInkGlobals(runtime), initial) });
    return segmentId;
  };

  const build = (segmentId: string): void => {
    const here = known.get(segmentId)!;
    const optionIds = createIdAllocator('choice');
    const seen = new Map<string, number>();
    const options: ChoiceOption[] = here.point.choices.map((label, i) => {
      runtime.state.LoadJson(here.state);
      runtime.ChooseChoiceIndex(i);
      const next = arrive();
      const text = label || `Choice ${i + 1}`;
      // Two choices with the same text get `Go`, `Go-2` (ids must be unique in a segment).
      const n = (seen.get(text) ?? 0) + 1;
      seen.set(text, n);
      const option: ChoiceOption = { id: optionIds.idFor(n === 1 ? text : `${text}\u0000${n}`), label: text, next };
      const set = changes(here.globals, known.get(next)!.globals);
      if (Object.keys(set).length) option.set = set;
      return option;
    });
    target[segmentId] = inkSegment(segmentId, here.point, options);
  };

  const ensure = (key: string | symbol): void => {
    if (typeof key === 'string' && !Object.hasOwn(target, key) && known.has(key)) build(key);
  };
  const segments = new Proxy(target, {
    get(t, key, receiver) {
      ensure(key);
      return Reflect.get(t, key, receiver) as unknown;
    },
    has(t, key) {
      return (typeof key === 'string' && known.has(key)) || Reflect.has(t, key);
    },
    getOwnPropertyDescriptor(t, key) {
      ensure(key);
      return Reflect.getOwnPropertyDescriptor(t, key);
    },
  });

  const start = arrive();
  const story: Story = {
    offshoot: 1,
    id,
    title: options.title ?? 'ink story',
    start,
    state: { ...initial },
    segments,
    'x-ink': { driven: 'inkjs', seed: runtime.state.storySeed },
  };
  return {
    story,
    stats: () => ({
      known: known.size,
      built: Object.keys(target).length,
      places: new Set([...known.values()].map((k) => k.point.place)),
    }),
    inkStateOf: (segmentId) => known.get(segmentId)?.state,
  };
}

/** ink may hand back a bool as 0/1 once assigned, or an int as a float: keep each global's first type. */
function normalise(
  globals: Record<string, StateValue>,
  initial: Record<string, StateValue>,
): Record<string, StateValue> {
  for (const [name, value] of Object.entries(globals)) {
    const first = initial[name];
    if (typeof first === 'boolean' && typeof value === 'number') globals[name] = value !== 0;
    else if (typeof first === 'string' && typeof value !== 'string') globals[name] = String(value);
  }
  return globals;
}

/** The `set` that takes one waiting point's globals to the next: literal values. */
function changes(from: Record<string, StateValue>, to: Record<string, StateValue>): Record<string, string> {
  const set: Record<string, string> = {};
  for (const [name, value] of Object.entries(to)) {
    if (from[name] === value || typeof value !== typeof from[name]) continue;
    set[name] =
      typeof value === 'string'
        ? `'${value.replace(/[\\']/g, '\\$&').replace(/\n/g, '\\n')}'`
        : typeof value === 'number' && /e/i.test(String(value))
          ? value.toFixed(12).replace(/\.?0+$/, '')
          : String(value);
  }
  return set;
}
