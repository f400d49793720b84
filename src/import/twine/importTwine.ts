import type { ExtweePassage } from 'extwee';
import { checkExpression } from '../../core/expression/checkExpression.js';
import type { ChoiceOption, Segment, StateValue, Story } from '../../core/story/Story.js';
import { createIdAllocator } from '../../core/ink/createIdAllocator.js';
import { generatedSegment } from '../../core/ink/generatedSegment.js';
import type { ImportResult, ImportWarning } from '../ImportReport.js';
import { ImportError } from '../ImportReport.js';
import { findTwineLinks } from './findTwineLinks.js';
import type { TwineLink } from './findTwineLinks.js';
import { lineIn, locatePassages } from './locatePassages.js';
import { parseTwineSource, twineSourceKind } from './parseTwineSource.js';
import type { TwineSourceKind } from './parseTwineSource.js';
import { scanTwineText } from './scanTwineText.js';
import type { TwineSet } from './scanTwineText.js';
import { specialPassageKind } from './specialPassages.js';
import { reportFeatures } from './reportFeatures.js';
import { findIncludes } from './findIncludes.js';
import { addWayOut } from '../addWayOut.js';
import { placedVariableLinks } from './placedVariableLinks.js';
import { proseWithIncludes } from './proseWithIncludes.js';
import { reachableLinks } from './reachableLinks.js';
import { defaultOf, renameVars, varName } from './twineNames.js';
import { chapbookNavigation } from './chapbookNavigation.js';
import { expandVariableLink, stringValues } from './expandVariableLink.js';
import { hookSets, setsInHook, setterOf } from './linkSets.js';

export interface TwineImportOptions {
  /** Twee 3 or published HTML; detected from the text when left out. */
  kind?: TwineSourceKind;
  /** Story format (`Chapbook`, `Harlowe`, `SugarCube`) for a file that names none (Twee without StoryData). */
  format?: string;
}

/**
 * Converts a Twine 2 story (Twee 3 source or published HTML) into an Offshoot story: each
 * passage a `generate` segment (prompt from its prose, seed from its name), each link an option,
 * passages without links endings. Simple `(set:)`/`<<set>>` and `(if:)`/`<<if>>` around links
 * become variables, option `set`s and `if`s; every other macro, script, stylesheet, tag and
 * HTML is listed in `warnings` with its passage and line. Throws ImportError when the text is
 * not a Twine story. The story is not validated here: run `validateStory` on it.
 *
 * @example
 * const { story, warnings } = importTwine(':: Start\nA fork. [[Left]] [[Right]]\n:: Left\nEnd.\n:: Right\nEnd.');
 * story.segments.Start?.choice?.options.length; // 2
 */
export function importTwine(text: string, options: TwineImportOptions = {}): ImportResult {
  const source = text.replace(/^\uFEFF/, '');
  const kind = options.kind ?? twineSourceKind(source);
  const { story: tw, notes } = parseTwineSource(source, kind);
  const firstLines = locatePassages(source, kind);
  const warnings: ImportWarning[] = notes.map((message) => ({ code: 'parser', message }));
  const format = tw.format || options.format || '';
  const chapbook = /chapbook/i.test(format);
  const scanOf = (text: string) => scanTwineText(text, { chapbook });
  const lineOf = (p: ExtweePassage, offset: number) => lineIn(p.text, offset, firstLines.get(p.name));

  const scenes = tw.passages.filter((p) => !specialPassageKind(p));
  if (scenes.length === 0)
    throw new ImportError('the story has no passages (only special ones such as StoryInit or script passages)');
  const names = new Set(scenes.map((p) => p.name));
  const byName = new Map(tw.passages.map((p) => [p.name, p]));
  const ids = createIdAllocator('passage');
  for (const p of scenes) ids.idFor(p.name);
  const scans = new Map(scenes.map((p) => [p.name, scanOf(p.text)]));

  // Variables: initial values from init passages, types from every literal set.
  const initial = new Map<string, StateValue>();
  const types = new Map<string, Set<string>>();
  const noteType = (set: TwineSet) => {
    if (set.literal === undefined) return;
    const seen = types.get(set.variable) ?? new Set<string>();
    types.set(set.variable, seen.add(typeof set.literal));
  };
  for (const p of tw.passages) {
    const kindOf = specialPassageKind(p);
    if (!kindOf) continue;
    const scan = scans.get(p.name) ?? scanOf(p.text);
    for (const set of scan.sets) noteType(set);
    if (kindOf === 'init') {
      for (const set of scan.sets) {
        if (set.topLevel && set.literal !== undefined) {
          initial.set(set.variable, set.literal);
          warnings.push({
            code: 'mapped',
            passage: p.name,
            line: lineOf(p, set.offset),
            message: `${set.source} became the initial value of \`${varName(set.variable)}\``,
          });
        } else
          warnings.push({
            code: 'macro',
            passage: p.name,
            line: lineOf(p, set.offset),
            message: `${set.source} in an init passage is not a literal value: not carried over`,
          });
      }
      reportFeatures(scan, p, lineOf, format, warnings, 'in an init passage');
    } else {
      warnings.push({
        code: 'special-passage',
        passage: p.name,
        line: firstLines.get(p.name),
        message: `special passage (${p.tags.length ? `tags ${p.tags.join(' ')}` : p.name}) is story-format machinery, not a scene: not carried over`,
      });
    }
  }
  for (const scan of scans.values()) for (const set of scan.sets) noteType(set);

  let start = tw.start;
  if (!names.has(start)) {
    start = names.has('Start') ? 'Start' : scenes[0]!.name;
    warnings.push({
      code: 'start',
      passage: start,
      message: tw.start
        ? `the start passage "${tw.start}" is not a story passage; starting at "${start}"`
        : `no start passage named (StoryData start or a "Start" passage); starting at "${start}"`,
    });
  }

  // Links whose target is a variable (`[[$colour door]]`): one option per known value that names a passage.
  const linkValues = stringValues(tw.passages.flatMap((p) => (scans.get(p.name) ?? scanOf(p.text)).sets));
  const expandLink = (link: TwineLink) => expandVariableLink(link.target, link.label, linkValues, names);
  // Chapbook's {back link}: the passages that link here.
  const predecessors = new Map<string, string[]>();
  // A link in an embedded passage is a link of the passage that embeds it (where the reader is).
  const shownText = (p: ExtweePassage) =>
    [p.text, ...findIncludes(p.text).map((i) => byName.get(i.target)?.text ?? '')].join('\n');
  for (const p of scenes)
    for (const link of findTwineLinks(shownText(p)))
      for (const target of names.has(link.target) ? [link.target] : expandLink(link).map((t) => t.target)) {
        const list = predecessors.get(target) ?? [];
        if (!list.includes(p.name) && target !== p.name) predecessors.set(target, [...list, p.name]);
      }

  // Which variables every mapped construct needs, then their declared initial values.
  const wanted = new Set<string>();
  for (const p of scenes)
    for (const link of findTwineLinks(p.text))
      if (!names.has(link.target)) for (const t of expandLink(link)) t.variables.forEach((v) => wanted.add(v));
  for (const scan of scans.values()) {
    for (const set of scan.sets)
      if (set.topLevel && set.expression) [set.variable, ...set.variables].forEach((v) => wanted.add(v));
  }
  for (const p of scenes) {
    const scan = scans.get(p.name)!;
    for (const link of findTwineLinks(p.text))
      for (const set of setsInHook(scan, link))
        if (set.expression) [set.variable, ...set.variables].forEach((v) => wanted.add(v));
    const offsets = [...findTwineLinks(p.text), ...findIncludes(p.text)].map((l) => l.offset);
    for (const region of scan.regions) {
      if (region.expression && offsets.some((o) => region.start <= o && o < region.end))
        region.variables.forEach((v) => wanted.add(v));
    }
  }
  const state: Record<string, StateValue> = {};
  for (const v of [...wanted].sort()) {
    const seen = types.get(v);
    if (seen && seen.size > 1) {
      warnings.push({
        code: 'variable',
        message: `$${v} is given values of different types (${[...seen].join(', ')}): Offshoot variables keep one type, so its sets and conditions are not carried over`,
      });
      continue;
    }
    const value = initial.get(v) ?? defaultOf(seen ? [...seen][0] : undefined);
    if (!initial.has(v))
      warnings.push({
        code: 'variable',
        message: `$${v} has no literal initial value in StoryInit or a startup passage: it starts at ${JSON.stringify(value)}`,
      });
    state[varName(v)] = value;
  }
  const valid = (expression: string, type?: string) => {
    try {
      const check = checkExpression(renameVars(expression), { state });
      return check.problems.length === 0 && (type === undefined || check.type === type);
    } catch {
      return false;
    }
  };

  // Sets that run on entering a passage become `set`s of every option leading to it.
  const entrySets = new Map<string, Record<string, string>>();
  for (const p of scenes) {
    const scan = scans.get(p.name)!;
    const sets: Record<string, string> = {};
    const assigned = new Set<string>();
    for (const set of scan.sets) {
      if (!set.topLevel) continue;
      const name = varName(set.variable);
      const reads = set.variables.filter((v) => v !== set.variable || assigned.has(v));
      const ok =
        set.expression &&
        name in state &&
        valid(set.expression, typeof state[name]) &&
        !assigned.has(set.variable) &&
        !reads.some((v) => assigned.has(v));
      if (ok) {
        sets[name] = renameVars(set.expression!);
        assigned.add(set.variable);
        warnings.push({
          code: 'mapped',
          passage: p.name,
          line: lineOf(p, set.offset),
          message: `${set.source} became \`set: { ${name}: "${sets[name]}" }\` on every option into this passage${p.name === start ? ' (and the initial value, for the start passage)' : ''}`,
        });
        if (p.name === start && set.literal !== undefined && typeof set.literal === typeof state[name])
          state[name] = set.literal;
      } else {
        warnings.push({
          code: 'macro',
          passage: p.name,
          line: lineOf(p, set.offset),
          message: `${set.source} could not be mapped (not a simple value of a variable with one type, or set twice in the passage): not carried over`,
        });
      }
    }
    const inLinkHooks = new Set(findTwineLinks(p.text).flatMap((l) => setsInHook(scan, l)));
    for (const set of scan.sets)
      if (!set.topLevel && !inLinkHooks.has(set))
        warnings.push({
          code: 'macro',
          passage: p.name,
          line: lineOf(p, set.offset),
          message: `${set.source} runs only inside a hook, condition or container macro: not carried over`,
        });
    if (Object.keys(sets).length) entrySets.set(p.name, sets);
  }

  const segments: Record<string, Segment> = {};
  let linkCount = 0;
  let optionCount = 0;
  for (const p of scenes) {
    const scan = scans.get(p.name)!;
    const links = [
      ...reachableLinks(p, byName, scans, valid, warnings, lineOf),
      ...(chapbook ? chapbookNavigation(p.text, predecessors.get(p.name) ?? [], start) : []).map((link) => ({
        link,
        from: p,
        conditions: [],
        conditionNotes: [],
      })),
    ].flatMap((placed) => placedVariableLinks(placed, names, expandLink, valid, warnings, lineOf));
    linkCount += links.filter((l) => l.from === p).length;
    const optionIds = createIdAllocator('option');
    const labels = new Map<string, number>();
    const same = new Set<string>();
    const options: ChoiceOption[] = [];
    for (const { link, from, conditions, conditionNotes } of links) {
      const line = lineOf(from, link.offset);
      if (!names.has(link.target)) {
        warnings.push({
          code: 'broken-link',
          passage: from.name,
          line,
          message: `link to "${link.target}", which is not a story passage: left out`,
        });
        continue;
      }
      const label = link.label || link.target;
      const condition = conditions.length === 1 ? conditions[0]! : conditions.map((c) => `(${c})`).join(' && ');
      const key = JSON.stringify([link.target, label, condition, link.setter ?? '']);
      if (same.has(key)) continue; // the same option again (a passage displayed twice, one link in several branches)
      same.add(key);
      const n = (labels.get(label) ?? 0) + 1;
      labels.set(label, n);
      const option: ChoiceOption = {
        id: optionIds.idFor(n === 1 ? label : `${label} ${n}`),
        label,
        next: ids.idFor(link.target),
      };
      if (condition) option.if = condition;
      // Notes about links of displayed passages are given once, for the passage they are written in.
      if (from === p)
        for (const note of conditionNotes)
          warnings.push({ code: option.if ? 'mapped' : 'macro', passage: p.name, line, message: note });
      const sets = {
        ...entrySets.get(link.target),
        ...setterOf(link, state, valid, warnings, from.name, line),
        ...(from === p ? hookSets(scan, link, state, valid, warnings, p, lineOf) : {}),
      };
      if (Object.keys(sets).length) option.set = sets;
      const jumps = link.macro?.includes('goto') && !link.macro.includes('link') && !link.hook;
      if (link.macro && from === p)
        warnings.push({
          code: 'mapped',
          passage: p.name,
          line,
          message: `${link.macro} to "${link.target}"${link.hook ? ` inside the link "${label}"` : ''} became option "${label}"${jumps ? ' (it jumps without asking in Twine; here the viewer picks it)' : ''}`,
        });
      options.push(option);
    }
    optionCount += options.length;
    const own = [...findTwineLinks(p.text), ...findIncludes(p.text)];
    for (const c of scan.conditions) {
      const guards = own.some((l) => c.offset < l.offset && l.offset < c.end);
      if (!guards)
        warnings.push({
          code: 'macro',
          passage: p.name,
          line: lineOf(p, c.offset),
          message: `${c.name} shows text conditionally: the prompt keeps the text of every branch`,
        });
    }
    reportFeatures(scan, p, lineOf, format, warnings);
    if (p.tags.length)
      warnings.push({
        code: 'tag',
        passage: p.name,
        line: firstLines.get(p.name),
        message: `tags ${p.tags.join(' ')} have no meaning in Offshoot: not carried over`,
      });
    segments[ids.idFor(p.name)] = generatedSegment(p.name, proseWithIncludes(p, byName, chapbook), options);
  }
  const ends = addWayOut(segments, () => ids.idFor('\u0000The End'), warnings);
  if (tw.storyJavaScript.trim())
    warnings.push({
      code: 'script',
      message: `story JavaScript (${tw.storyJavaScript.trim().split('\n').length} lines) is not carried over: Offshoot runs no story code`,
    });
  if (tw.storyStylesheet.trim())
    warnings.push({
      code: 'stylesheet',
      message: `story stylesheet (${tw.storyStylesheet.trim().split('\n').length} lines) is not carried over: the player draws its own overlay`,
    });
  for (const [name, id] of ids.renames())
    if (names.has(name))
      warnings.push({
        code: 'rename',
        passage: name,
        line: firstLines.get(name),
        message: `passage "${name}" is segment \`${id}\` (ids are letters, digits, _ and -)`,
      });

  const title = tw.name && tw.name !== 'Untitled Story' ? tw.name : 'Imported Twine story';
  const story: Story = {
    offshoot: 1,
    id: createIdAllocator('imported').idFor(title.toLowerCase()),
    title,
    start: ids.idFor(start),
    state,
    segments,
    'x-imported-from': {
      tool: 'offshoot import twine',
      container: kind === 'html' ? 'Twine 2 HTML' : 'Twee 3',
      storyFormat: [format, tw.formatVersion].filter(Boolean).join(' ') || 'unknown',
    },
  };
  const endings = Object.values(segments).filter((s) => s.end).length;
  return {
    story,
    warnings,
    stats: {
      sourceNodes: scenes.length,
      sourceLinks: linkCount,
      segments: Object.keys(segments).length,
      options: optionCount + ends,
      endings,
      variables: Object.keys(state).length,
    },
  };
}
