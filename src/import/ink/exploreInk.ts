import { Story as InkStory } from 'inkjs';

/** A global's value as Offshoot can hold it; anything else (lists, divert targets) is `unsupported`. */
export type InkValue = number | boolean | string | { unsupported: string };

/** One state where the ink story waits for the reader: the text since the last choice, then choices (none at an end). */
export interface InkNode {
  key: string;
  /** Knot (and stitch) where the choices were offered, or where the text ended. */
  place: string;
  text: string;
  tags: string[];
  globals: Record<string, InkValue>;
  /** Child node key for each choice, in order; undefined when the bound cut it off. */
  choices: { label: string; child?: string }[];
  /** True when the bound stopped the exploration before this node's choices were followed. */
  cut: boolean;
  errors: string[];
}

export interface InkExploration {
  nodes: Map<string, InkNode>;
  root: string;
  /** Nodes whose choices were not followed because of `maxNodes` or `maxSeconds`. */
  cutNodes: number;
  /** What stopped the exploration early, if anything. */
  stoppedBy?: 'max-nodes' | 'max-seconds';
  /** Choice points expanded (their choices followed). */
  expanded: number;
  /** Arrivals at an existing node whose read counts differed from the first arrival's. */
  mergedWithOtherReadCounts: number;
  choicesFollowed: number;
}

export interface ExploreOptions {
  /** Most choice points to expand (breadth-first); the rest become cut endings. Default 3000. */
  maxNodes?: number;
  /** Most seconds to spend exploring; the states not yet expanded then become cut endings. Default 60. */
  maxSeconds?: number;
  /** Called every 50 nodes, for a progress line. */
  onProgress?: (explored: number, queued: number) => void;
  /** Milliseconds clock for `maxSeconds` (default `performance.now`). */
  now?: () => number;
}

const DEFAULT_MAX_NODES = 3000;
const DEFAULT_MAX_SECONDS = 60;

/**
 * Plays a compiled ink story with the inkjs runtime, breadth-first over every choice, and
 * records the distinct states where it waits for the reader. Two arrivals are the same node when
 * they show the same text and choices with the same global variables; read counts, turn
 * counts and temporary variables are not part of that key (a later choice that depends only on
 * them can then be missing or extra: `mergedWithOtherReadCounts` counts the arrivals concerned).
 *
 * @example
 * const { nodes, root } = exploreInk(compiledJson, { maxNodes: 500 });
 */
export function exploreInk(json: string, options: ExploreOptions = {}): InkExploration {
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const now = options.now ?? (() => performance.now());
  const deadline = now() + (options.maxSeconds ?? DEFAULT_MAX_SECONDS) * 1000;
  let stoppedBy: InkExploration['stoppedBy'];
  const story = new InkStory(json);
  story.allowExternalFunctionFallbacks = true;
  let errors: string[] = [];
  story.onError = (message) => void errors.push(message);

  const nodes = new Map<string, InkNode>();
  const saved = new Map<string, string>();
  const readCounts = new Map<string, string>();
  let merged = 0;
  let followed = 0;

  const arrive = (fallbackPlace: string): string => {
    errors = [];
    const { text, tags } = continueAll(story, errors);
    const choices = story.currentChoices;
    const globals = globalsOf(story);
    const key = JSON.stringify([text, choices.map((c) => [c.text, c.targetPath?.toString() ?? '']), globals]);
    const state = story.state.ToJson();
    const visits = JSON.stringify((JSON.parse(state) as { visitCounts?: unknown }).visitCounts ?? {});
    const known = nodes.get(key);
    if (known) {
      if (readCounts.get(key) !== visits) merged++;
      return key;
    }
    const place = choices[0] ? placeOf(choices[0].sourcePath) : fallbackPlace;
    nodes.set(key, {
      key,
      place,
      text,
      tags,
      globals,
      choices: choices.map((c) => ({ label: c.text.trim() })),
      cut: false,
      errors,
    });
    saved.set(key, state);
    readCounts.set(key, visits);
    return key;
  };

  const root = arrive('start');
  const queue = [root];
  let expanded = 0;
  for (let head = 0; head < queue.length; head++) {
    const node = nodes.get(queue[head]!)!;
    if (node.choices.length === 0) continue;
    if (!stoppedBy && expanded >= maxNodes) stoppedBy = 'max-nodes';
    // The clock is read every 10 expansions: cheap, and a state's choices take milliseconds.
    if (!stoppedBy && expanded % 10 === 0 && now() > deadline) stoppedBy = 'max-seconds';
    if (stoppedBy) {
      node.cut = true;
      continue;
    }
    expanded++;
    if (expanded % 50 === 0) options.onProgress?.(expanded, queue.length - head);
    for (let i = 0; i < node.choices.length; i++) {
      story.state.LoadJson(saved.get(node.key)!);
      const choice = story.currentChoices[i]!;
      const target = choice.targetPath ? placeOf(choice.targetPath.toString()) : node.place;
      story.ChooseChoiceIndex(i);
      followed++;
      const size = nodes.size;
      const child = arrive(target);
      node.choices[i]!.child = child;
      if (nodes.size > size) queue.push(child);
    }
  }
  const cutNodes = [...nodes.values()].filter((n) => n.cut).length;
  return {
    nodes,
    root,
    cutNodes,
    ...(stoppedBy ? { stoppedBy } : {}),
    expanded,
    mergedWithOtherReadCounts: merged,
    choicesFollowed: followed,
  };
}

function continueAll(story: InkStory, errors: string[]): { text: string; tags: string[] } {
  let text = '';
  const tags: string[] = [];
  try {
    while (story.canContinue) {
      text += story.Continue() ?? '';
      tags.push(...(story.currentTags ?? []));
    }
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
  }
  return { text: text.trim(), tags };
}

/** `knot` or `knot.stitch` of an ink path such as `start.waited.0.g-1.c-2`. */
function placeOf(path: string): string {
  const parts = path.split('.');
  const named = [parts[0] ?? 'start'];
  if (parts[1] && !/^\d+$|^[gc]-\d+$|^s\d*$/.test(parts[1])) named.push(parts[1]);
  return named.join('.');
}

/**
 * The story's global variables through inkjs's public API: `variablesState` lists its globals
 * as its keys and reads each with `$(name)`.
 */
export function globalsOf(story: InkStory): Record<string, InkValue> {
  const variables = story.variablesState;
  const globals: Record<string, InkValue> = {};
  for (const name of Object.keys(variables).sort()) {
    const v: unknown = variables.$(name);
    globals[name] =
      typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string'
        ? v
        : { unsupported: v === null ? 'null' : String(v) };
  }
  return globals;
}
