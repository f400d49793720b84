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
  offshoot: 1;
  id: string;
  title: string;
  /** Id of the first segment. */
  start: string;
  /** Compiled ink JSON (relative to the story file) that drives the story at run time; see createInkStory. */
  ink?: string;
  /** Declared state variables and their initial values. */
  state: Record<string, StateValue>;
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
  choice?: Choice;
  /** A segment id, or ordered routes where the last has no `if`. */
  next?: string | Route[];
  end?: true;
  /** Lines shown over the video, seconds from the segment's start. */
  captions?: Caption[];
}

export interface Choice {
  prompt: string;
  /** Seconds from the segment's start when the options appear. */
  at: number;
  /** Seconds from the segment's start when the default is taken; defaults to the segment's duration. */
  until?: number;
  /** Option id taken when time runs out. */
  default: string;
  options: ChoiceOption[];
}

export interface ChoiceOption {
  id: string;
  label: string;
  next: string;
  /** Expression: the option is shown only when true. */
  if?: string;
  /** Variable → expression, applied when the option is taken. */
  set?: Record<string, string>;
}

export interface Route {
  if?: string;
  to: string;
}

export interface Caption {
  from: number;
  to: number;
  text: string;
}

/** What the generation backend renders for a `generate` segment. */
export interface GenerateSpec {
  /** Plain words; `{var}` placeholders are filled from state. */
  prompt: string;
  seed?: number;
  style?: string;
  characters?: CharacterSpec[];
  /** State variables that shape this segment (continuity). Defaults to the `{var}`s in prompt and characters. */
  uses?: string[];
}

export interface CharacterSpec {
  name: string;
  /** Free words (e.g. "fox"), may hold `{var}` placeholders. */
  kind?: string;
  /** A CSS colour or a `{var}` placeholder. */
  color?: string;
}
