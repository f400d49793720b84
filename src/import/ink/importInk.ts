import type { ChoiceOption, Segment, StateValue, Story } from '../../core/story/Story.js';
import { addWayOut } from '../addWayOut.js';
import { createIdAllocator } from '../../core/ink/createIdAllocator.js';
import { generatedSegment } from '../../core/ink/generatedSegment.js';
import type { ImportResult, ImportWarning } from '../ImportReport.js';
import { ImportError } from '../ImportReport.js';
import { compileInk } from './compileInk.js';
import type { InkIncludeReader } from './compileInk.js';
import { exploreInk } from './exploreInk.js';
import type { ExploreOptions, InkNode, InkValue } from './exploreInk.js';

export interface InkImportOptions extends ExploreOptions {
  /** Reads an `INCLUDE`d file of `.ink` source (see compileInk); without it includes are refused. */
  readInclude?: InkIncludeReader;
}

const RESERVED = new Set(['true', 'false', 'visits', '__proto__']);

/**
 * Converts an ink story (compiled JSON, or `.ink` source, compiled here with inkjs) into an
 * Offshoot story by playing it with the inkjs runtime: every distinct state where ink waits
 * for a choice becomes a `generate` segment (prompt from the text since the previous choice),
 * every choice an option, every state with no choices an ending. Global ints, floats, bools and
 * strings that change become story variables, and each option `set`s the values the choice
 * leads to. What the exploration cannot carry (lists, read-count-only differences, the part
 * past `maxNodes`, runtime errors, tags) is in `warnings`. See docs/decisions/0005-ink-import.md.
 *
 * @example
 * const { story, stats } = importInk(readFileSync('TheIntercept.ink', 'utf8'), { maxNodes: 2000 });
 */
export function importInk(source: string, options: InkImportOptions = {}): ImportResult {
  const json = compiledJson(source.replace(/^\uFEFF/, ''), options.readInclude);
  let exploration;
  try {
    exploration = exploreInk(json, options);
  } catch (error) {
    throw new ImportError(`inkjs could not load the story: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { nodes, root } = exploration;
  const warnings: ImportWarning[] = [];

  // Segment ids: the knot (and stitch) where the choice was offered, numbered when a place has several states.
  const ids = createIdAllocator('scene');
  const idOf = new Map<string, string>();
  const perPlace = new Map<string, number>();
  for (const node of nodes.values()) {
    const n = (perPlace.get(node.place) ?? 0) + 1;
    perPlace.set(node.place, n);
    idOf.set(node.key, ids.idFor(n === 1 ? node.place : `${node.place} ${n}`));
  }

  normaliseBooleans([...nodes.values()], nodes.get(root)!);
  const state = declaredVariables([...nodes.values()], nodes.get(root)!, warnings);
  const segments: Record<string, Segment> = {};
  let optionCount = 0;
  let choiceCount = 0;
  const tagged: string[] = [];
  for (const node of nodes.values()) {
    const optionIds = createIdAllocator('choice');
    const labels = new Map<string, number>();
    const options: ChoiceOption[] = [];
    choiceCount += node.choices.length;
    if (!node.cut) {
      node.choices.forEach((choice, i) => {
        const child = choice.child !== undefined ? nodes.get(choice.child) : undefined;
        if (!child) return;
        const label = choice.label || `Choice ${i + 1}`;
        // Two choices with the same text (ink allows it) get `go`, `go-2`, as the Twine importer's do.
        const n = (labels.get(label) ?? 0) + 1;
        labels.set(label, n);
        const option: ChoiceOption = {
          id: optionIds.idFor(n === 1 ? label : `${label}\u0000${n}`),
          label,
          next: idOf.get(child.key)!,
        };
        const set = changes(node.globals, child.globals, state);
        if (Object.keys(set).length) option.set = set;
        options.push(option);
      });
    }
    optionCount += options.length;
    const id = idOf.get(node.key)!;
    const segment = generatedSegment(id, node.text, options);
    // `truncated`: the exploration bound stopped here; in ink the story goes on.
    segments[id] = Object.assign(segment, {
      'x-ink': {
        path: node.place,
        ...(node.tags.length ? { tags: node.tags } : {}),
        ...(node.cut ? { truncated: true } : {}),
      },
    });
    if (node.tags.length) tagged.push(`${node.place} (#${node.tags.join(' #')})`);
    for (const message of node.errors)
      warnings.push({ code: 'ink-runtime', passage: node.place, message: `ink runtime: ${message}` });
  }
  if (exploration.cutNodes)
    warnings.push({
      code: 'truncated',
      message:
        exploration.stoppedBy === 'max-seconds'
          ? `exploration stopped after ${options.maxSeconds ?? 60} s (${exploration.expanded} choice points): ${exploration.cutNodes} state(s) whose choices were not followed end the story here (raise --max-seconds, or play the ink at run time: docs/decisions/0005-ink-import.md)`
          : `exploration stopped after ${exploration.expanded} choice points: ${exploration.cutNodes} state(s) whose choices were not followed end the story here (raise --max-nodes, or play the ink at run time: docs/decisions/0005-ink-import.md)`,
    });
  if (exploration.mergedWithOtherReadCounts)
    warnings.push({
      code: 'merged',
      message: `${exploration.mergedWithOtherReadCounts} arrival(s) at a choice point were merged with an earlier one that had the same text, choices and variables but different read counts; where later ink text or choices test read counts, they follow the first arrival`,
    });
  if (tagged.length)
    warnings.push({
      code: 'tag',
      message: `ink tags in ${tagged.length} segment(s) are kept under "x-ink".tags but mean nothing to the player: ${tagged.slice(0, 3).join('; ')}${tagged.length > 3 ? '; …' : ''}`,
    });
  const added = addWayOut(segments, () => ids.idFor('\u0000The End'), warnings);

  const story: Story = {
    offshoot: 1,
    id: 'imported-ink-story',
    title: 'Imported ink story',
    start: idOf.get(root)!,
    state,
    segments,
    'x-imported-from': { tool: 'offshoot import ink', choicesFollowed: exploration.choicesFollowed },
  };
  const endings = Object.values(segments).filter((s) => s.end).length;
  return {
    story,
    warnings,
    stats: {
      sourceNodes: nodes.size,
      sourceLinks: choiceCount,
      segments: Object.keys(segments).length,
      options: optionCount + added,
      endings,
      variables: Object.keys(state).length,
    },
  };
}

/**
 * The compiled ink JSON of `.ink` source (compiled with inkjs) or of compiled JSON (checked):
 * what a story's `ink` field names for inkjs to drive at run time.
 *
 * @example
 * writeFileSync('story.ink.json', compiledJson(readFileSync('story.ink', 'utf8')));
 */
export function compiledJson(source: string, readInclude?: InkIncludeReader): string {
  const trimmed = source.trimStart();
  if (!trimmed.startsWith('{')) return compileInk(source, readInclude);
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw new ImportError(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!parsed || typeof parsed !== 'object' || !('inkVersion' in parsed))
    throw new ImportError(
      'JSON without "inkVersion": not a compiled ink story (compile it with inklecate, or pass the .ink source)',
    );
  return source;
}

/** The ink runtime may hand back a bool variable as 0/1 once assigned; read it as the bool it was declared. */
function normaliseBooleans(nodes: InkNode[], root: InkNode): void {
  for (const [name, initial] of Object.entries(root.globals)) {
    if (typeof initial !== 'boolean') continue;
    for (const node of nodes) if (typeof node.globals[name] === 'number') node.globals[name] = node.globals[name] !== 0;
  }
}

/** Globals whose value differs somewhere in the exploration, with their value at the start. */
function declaredVariables(nodes: InkNode[], root: InkNode, warnings: ImportWarning[]): Record<string, StateValue> {
  const state: Record<string, StateValue> = {};
  for (const name of Object.keys(root.globals)) {
    const values = nodes.map((n) => n.globals[name]);
    const unsupported = values.find((v): v is { unsupported: string } => typeof v === 'object' && v !== null);
    if (unsupported) {
      warnings.push({
        code: 'ink-list',
        message: `ink variable ${name} holds a list or divert target: not a story variable (its changes still split segments)`,
      });
      continue;
    }
    const types = new Set(values.map((v) => typeof v));
    if (types.size > 1) {
      warnings.push({
        code: 'variable',
        message: `ink variable ${name} changes type (${[...types].join(', ')}): not a story variable`,
      });
      continue;
    }
    if (new Set(values.map((v) => JSON.stringify(v))).size > 1)
      state[RESERVED.has(name) ? `${name}_` : name] = root.globals[name] as StateValue;
  }
  return state;
}

/** The `set` that takes `from`'s variables to `to`'s: literal values, exact because nodes differ by variables. */
function changes(
  from: Record<string, InkValue>,
  to: Record<string, InkValue>,
  state: Record<string, StateValue>,
): Record<string, string> {
  const set: Record<string, string> = {};
  for (const [name, value] of Object.entries(to)) {
    const key = RESERVED.has(name) ? `${name}_` : name;
    if (!(key in state) || JSON.stringify(from[name]) === JSON.stringify(value)) continue;
    set[key] =
      typeof value === 'string' ? `'${value.replace(/[\\']/g, '\\$&').replace(/\n/g, '\\n')}'` : numberLiteral(value);
  }
  return set;
}

/** Expressions have no exponent notation: 1e-7 is written out. */
function numberLiteral(value: unknown): string {
  const text = String(value);
  return typeof value === 'number' && /e/i.test(text) ? value.toFixed(12).replace(/\.?0+$/, '') : text;
}
