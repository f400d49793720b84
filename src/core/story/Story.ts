/**
 * The story file, format version 1, as TypeScript types.
 * The normative description (with the JSON Schema editors use) is docs/story-format.md;
 * these types are what `validateStory` hands back once a file has passed validation.
 *
 * @example
 * const story: Story = {
 *   offshoot: 1, id: 'demo', title: 'Demo', start: 'intro', state: { brave: false },
 *   segments: { intro: { media: 'media/intro/index.m3u8', duration: 4, end: true } },
 * };
 */
export interface Story {
  /** Format version: always 1. */
  offshoot: 1;
  /** Stable id (snapshots, tokens and the backend's story route use it). */
  id: string;
  /** Shown to viewers (e.g. in the player's accessible name). */
  title: string;
  /** Id of the first segment. */
  start: string;
  /** Compiled ink JSON (relative to the story file) that drives the story at run time; see createInkStory. */
  ink?: string;
  /** Declared state variables and their initial values. */
  state: Record<string, StateValue>;
  /** Every segment, by id. */
  segments: Record<string, Segment>;
  /** Unknown top-level keys starting with `x-` are kept and ignored. */
  [extension: `x-${string}`]: unknown;
}

/** A state variable's value. */
export type StateValue = number | boolean | string;

/** Exactly one of `media`/`generate`, and exactly one of `choice`/`next`/`end`. */
export interface Segment {
  /** HLS URL, relative to the story file. */
  media?: string;
  /** Spec for the generation backend: the segment is rendered on demand. */
  generate?: GenerateSpec;
  /** Seconds. */
  duration: number;
  /** A timed choice near the segment's end (the viewer picks, or the default is taken). */
  choice?: Choice;
  /** A segment id, or ordered routes where the last has no `if`. */
  next?: string | Route[];
  /** The story ends after this segment. */
  end?: true;
  /** Lines shown over the video, seconds from the segment's start. */
  captions?: Caption[];
}

/**
 * A choice window: options appear at `at`, and `default` is taken at `until` unless the
 * viewer picks one first.
 *
 * @example
 * { prompt: 'Take the lantern?', at: 2, until: 4, default: 'no', options: [{ id: 'yes', label: 'Take it', next: 'forest', set: { lantern: 'true' } }, { id: 'no', label: 'Leave it', next: 'dark' }] }
 */
export interface Choice {
  /** The question shown with the options. */
  prompt: string;
  /** Seconds from the segment's start when the options appear. */
  at: number;
  /** Seconds from the segment's start when the default is taken; defaults to the segment's duration. */
  until?: number;
  /** Option id taken when time runs out. */
  default: string;
  /** The options, in the order they are shown. */
  options: ChoiceOption[];
}

/** One option of a choice. */
export interface ChoiceOption {
  /** Unique within the choice (events and `player.choose` use it). */
  id: string;
  /** What the viewer reads on the button. */
  label: string;
  /** The segment this option leads to. */
  next: string;
  /** Expression: the option is shown only when true. */
  if?: string;
  /** Variable → expression, applied when the option is taken. */
  set?: Record<string, string>;
}

/** One of a segment's ordered `next` routes: the first whose `if` holds is taken. */
export interface Route {
  /** Expression over the story's variables; the last route has none. */
  if?: string;
  /** The segment to go to. */
  to: string;
}

/** A line shown over the video (as text, never as HTML). */
export interface Caption {
  /** Seconds from the segment's start. */
  from: number;
  /** Seconds from the segment's start. */
  to: number;
  text: string;
}

/** What the generation backend renders for a `generate` segment. */
export interface GenerateSpec {
  /** Plain words; `{var}` placeholders are filled from state. */
  prompt: string;
  /** Same seed, same spec, same state: the same picture. */
  seed?: number;
  /** Free words for the look (the procedural generator knows a few). */
  style?: string;
  /** Figures in the scene. */
  characters?: CharacterSpec[];
  /** State variables that shape this segment (continuity). Defaults to the `{var}`s in prompt and characters. */
  uses?: string[];
}

/** A figure in a generated scene. */
export interface CharacterSpec {
  /** Who it is (also a continuity key across segments). */
  name: string;
  /** Free words (e.g. "fox"), may hold `{var}` placeholders. */
  kind?: string;
  /** A CSS colour or a `{var}` placeholder. */
  color?: string;
}
