import { convertTwineExpression } from './convertTwineExpression.js';
import { scanChapbook } from './scanChapbook.js';
import { twineSet } from './twineSet.js';

/** Text under a condition: links in it get the condition as their option's `if`. */
export interface ConditionRegion {
  start: number;
  end: number;
  /** Offshoot expression, or undefined when the condition could not be converted. */
  expression?: string;
  variables: string[];
  /** The macro, for messages. */
  source: string;
  offset: number;
}

/** A `(set:)` / `<<set>>` of one variable. */
export interface TwineSet {
  variable: string;
  /** Offshoot expression, or undefined when the value could not be converted. */
  expression?: string;
  variables: string[];
  /** When the value is a literal: the value (gives the variable its type and initial value). */
  literal?: number | boolean | string;
  /** False when inside a hook, a condition or a SugarCube container: it runs only sometimes. */
  topLevel: boolean;
  source: string;
  offset: number;
}

/** A macro, markup or variable print that is not part of the story graph. */
export interface TwineFeature {
  kind: 'macro' | 'variable' | 'markup';
  /** `(display:)`, `<<include>>`, `$gold`, `<span>`. */
  name: string;
  offset: number;
}

export interface TwineScan {
  regions: ConditionRegion[];
  sets: TwineSet[];
  /** Macros that are neither sets nor conditions nor links, plus printed variables and HTML. */
  features: TwineFeature[];
  /** Offsets of the condition macros, to report those that guard no link. */
  conditions: { name: string; offset: number; end: number; expression?: string }[];
}

const HARLOWE_MACRO = /\(([A-Za-z][\w-]*)\s*:/g;
const SUGARCUBE_MACRO = /<<(\/?)([A-Za-z=-][\w-]*)?([\s\S]*?)>>/g;
/** SugarCube macros whose body runs only sometimes (or never by itself). */
const SUGARCUBE_CONTAINERS = new Set([
  'if',
  'for',
  'link',
  'button',
  'switch',
  'widget',
  'capture',
  'repeat',
  'timed',
  'linkreplace',
  'linkappend',
  'linkprepend',
  'createplaylist',
  'done',
  'script',
  'do',
  'type',
  'cycle',
  'listbox',
]);
const LINK_MACROS = new Set(['link-goto', 'goto', 'go-to', 'click-goto']);
const HARLOWE_CONDITIONS = new Set(['if', 'else-if', 'elseif', 'unless', 'else']);

/**
 * Finds what a Harlowe or SugarCube passage does besides prose and `[[links]]`: conditional
 * regions (`(if: …)[…]`, `<<if>>…<<elseif>>…<</if>>`), variable sets, and everything else
 * (other macros, printed `$variables`, HTML tags), each with its offset for line numbers.
 * With `chapbook`, Chapbook's vars section, modifiers and inserts instead (scanChapbook).
 *
 * @example
 * scanTwineText('(set: $fuel to 3)(if: $fuel > 2)[[[Jump]]]').regions[0]?.expression; // 'fuel > 2'
 */
export function scanTwineText(text: string, options: { chapbook?: boolean } = {}): TwineScan {
  const scan: TwineScan = { regions: [], sets: [], features: [], conditions: [] };
  const containers: { start: number; end: number }[] = [];
  if (options.chapbook) scanChapbook(text, scan, containers);
  else {
    scanHarlowe(text, scan, containers);
    scanSugarCube(text, scan, containers);
  }
  for (const set of scan.sets) set.topLevel = !containers.some((c) => c.start <= set.offset && set.offset < c.end);
  for (const m of text.matchAll(/<(\/?)([A-Za-z][\w-]*)[^<>]*>/g)) {
    if (text[m.index - 1] === '<' || text[m.index + m[0].length] === '>') continue;
    if (!m[1]) scan.features.push({ kind: 'markup', name: `<${m[2]!.toLowerCase()}>`, offset: m.index });
  }
  // Snowman runs JavaScript in <% … %> (and prints with <%= … %>).
  for (const m of text.matchAll(/<%(=?)[\s\S]*?%>/g))
    scan.features.push({ kind: 'macro', name: m[1] ? '<%= %>' : '<% %>', offset: m.index });
  const inMacro = macroSpans(text);
  for (const m of text.matchAll(/\$[A-Za-z_][\w]*/g)) {
    if (!inMacro.some(([s, e]) => s <= m.index && m.index < e))
      scan.features.push({ kind: 'variable', name: m[0], offset: m.index });
  }
  return scan;
}

function scanHarlowe(text: string, scan: TwineScan, containers: { start: number; end: number }[]): void {
  let chain: string[] | undefined = [];
  for (const m of text.matchAll(HARLOWE_MACRO)) {
    const name = m[1]!.toLowerCase();
    const close = matching(text, m.index, '(', ')');
    if (close === -1) continue;
    const args = text.slice(m.index + m[0].length, close);
    const source = text.slice(m.index, close + 1);
    const hookOpen = /^[ \t]*\[/.exec(text.slice(close + 1));
    const hookStart = hookOpen ? close + 1 + hookOpen[0].length : -1;
    const hookEnd = hookStart !== -1 ? matching(text, hookStart - 1, '[', ']') : -1;
    if (hookEnd !== -1) containers.push({ start: hookStart, end: hookEnd });
    if (HARLOWE_CONDITIONS.has(name)) {
      const converted = name === 'else' ? undefined : convertTwineExpression(args);
      let expression: string | undefined;
      if (name === 'if' || name === 'unless') {
        chain = converted ? [] : undefined;
        expression = converted && (name === 'unless' ? `!(${converted.expression})` : converted.expression);
      } else if (chain && (name === 'else' || converted)) {
        expression =
          [...chain.map((c) => `!(${c})`), ...(converted ? [converted.expression] : [])].join(' && ') || undefined;
      }
      if (converted && chain && name !== 'unless') chain.push(converted.expression);
      if (!converted && name !== 'else') chain = undefined;
      scan.conditions.push({
        name: `(${name}:)`,
        offset: m.index,
        end: hookEnd,
        ...(expression ? { expression } : {}),
      });
      if (hookEnd !== -1)
        scan.regions.push({
          start: hookStart,
          end: hookEnd,
          variables: converted?.variables ?? [],
          source,
          offset: m.index,
          ...(expression ? { expression } : {}),
        });
      continue;
    }
    if (name === 'set' || name === 'put') {
      const set =
        name === 'set'
          ? /^\s*\$([A-Za-z_]\w*)\s+to\s+([\s\S]+?)\s*$/.exec(args)
          : /^\s*([\s\S]+?)\s+into\s+\$([A-Za-z_]\w*)\s*$/.exec(args);
      if (set) {
        const [variable, value] = name === 'set' ? [set[1]!, set[2]!] : [set[2]!, set[1]!];
        scan.sets.push(setOf(variable, value, source, m.index));
        continue;
      }
    }
    if (LINK_MACROS.has(name)) continue; // findTwineLinks turns these into options
    // `(link: "x")[… (goto: "P")]` is the option "x" (findTwineLinks); only its other macros are lost.
    if (
      /^link(-reveal|-replace)?$/.test(name) &&
      hookEnd !== -1 &&
      /\((goto|go-to)\s*:/i.test(text.slice(hookStart, hookEnd))
    )
      continue;
    scan.features.push({ kind: 'macro', name: `(${name}:)`, offset: m.index });
  }
}

function scanSugarCube(text: string, scan: TwineScan, containers: { start: number; end: number }[]): void {
  const open: { name: string; end: number }[] = [];
  // One frame per <<if>>: the converted conditions so far (undefined once one failed), and the open branch.
  const ifs: {
    prior: string[] | undefined;
    branch?: { start: number; expression?: string; variables: string[]; source: string; offset: number };
  }[] = [];
  for (const m of text.matchAll(SUGARCUBE_MACRO)) {
    const closing = m[1] === '/';
    const name = (m[2] ?? '').toLowerCase();
    const args = m[3] ?? '';
    const end = m.index + m[0].length;
    if (name === 'if' || name === 'elseif' || name === 'else' || (closing && (name === 'if' || name === 'endif'))) {
      if (!closing && name === 'if') ifs.push({ prior: [] });
      const frame = ifs.at(-1);
      if (!frame) continue;
      if (frame.branch) {
        const b = frame.branch;
        scan.regions.push({
          start: b.start,
          end: m.index,
          variables: b.variables,
          source: b.source,
          offset: b.offset,
          ...(b.expression ? { expression: b.expression } : {}),
        });
      }
      if (closing) {
        ifs.pop();
        closeContainer(open, 'if', m.index, containers);
        continue;
      }
      const converted = name === 'else' ? undefined : convertTwineExpression(args);
      let expression: string | undefined;
      if (frame.prior && (name === 'else' || converted)) {
        expression =
          [...frame.prior.map((c) => `!(${c})`), ...(converted ? [converted.expression] : [])].join(' && ') ||
          undefined;
      }
      if (converted && frame.prior) frame.prior.push(converted.expression);
      else if (name !== 'else') frame.prior = undefined;
      frame.branch = {
        start: end,
        variables: converted?.variables ?? [],
        source: m[0],
        offset: m.index,
        ...(expression ? { expression } : {}),
      };
      scan.conditions.push({ name: `<<${name}>>`, offset: m.index, end, ...(expression ? { expression } : {}) });
      if (name === 'if') open.push({ name, end });
      continue;
    }
    if (closing) {
      closeContainer(open, name, m.index, containers);
      continue;
    }
    if (SUGARCUBE_CONTAINERS.has(name)) open.push({ name, end });
    if (name === 'set') {
      const set = /^\s*\$([A-Za-z_]\w*)\s*(to|=|\+=|-=|\*=|\/=)\s*([^,;]+?)\s*$/.exec(args);
      if (set) {
        const [, variable, op, value] = set;
        const compound = op!.length === 2 && op !== 'to' ? op![0] : undefined;
        scan.sets.push(setOf(variable!, compound ? `$${variable} ${compound} (${value})` : value!, m[0], m.index));
        continue;
      }
    }
    if (
      (name === 'goto' || name === 'link' || name === 'button') &&
      /^\s*("[^"]*"|'[^']*')\s+("[^"]*"|'[^']*')?\s*$/.test(args)
    )
      continue;
    if (name === 'goto' && /^\s*("[^"]*"|'[^']*')\s*$/.test(args)) continue;
    if (name === 'nobr' || name === 'silently') continue; // whitespace control: nothing is lost
    scan.features.push({
      kind: 'macro',
      name: `<<${name || m[0].slice(2, -2).trim().split(/\s/)[0] || '?'}>>`,
      offset: m.index,
    });
  }
}

function closeContainer(
  open: { name: string; end: number }[],
  name: string,
  at: number,
  containers: { start: number; end: number }[],
): void {
  const index = open.map((o) => o.name).lastIndexOf(name);
  if (index === -1) return;
  containers.push({ start: open[index]!.end, end: at });
  open.length = index;
}

function setOf(variable: string, value: string, source: string, offset: number): TwineSet {
  return twineSet(variable, value, source, offset, convertTwineExpression(value, variable));
}

/** Index of the bracket closing the one at `open`, skipping quoted strings; -1 when unbalanced. */
export function matching(text: string, open: number, opener: string, closer: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && opener === '(') quote = c;
    else if (c === opener) depth++;
    else if (c === closer && --depth === 0) return i;
  }
  return -1;
}

/** [start, end) of every Harlowe `(macro: …)` and SugarCube `<<macro>>` in the text. */
export function macroSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(HARLOWE_MACRO)) {
    const close = matching(text, m.index, '(', ')');
    if (close !== -1) spans.push([m.index, close + 1]);
  }
  for (const m of text.matchAll(SUGARCUBE_MACRO)) spans.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(/<%[\s\S]*?%>/g)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}
