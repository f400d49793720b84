import { convertTwineExpression } from './convertTwineExpression.js';
import type { ConvertedExpression } from './convertTwineExpression.js';
import type { TwineScan, TwineSet } from './scanTwineText.js';
import { twineSet } from './twineSet.js';

/** The vars section at the top of a Chapbook passage: `name: value` lines, then a line `--`. */
export interface ChapbookVarsSection {
  /** Offset just past the `--` line: the passage's prose starts here. */
  end: number;
  lines: { name: string; condition?: string; value: string; offset: number; source: string }[];
}

const VARS_LINE = /^[ \t]*([A-Za-z_$][\w.$]*)[ \t]*(?:\(([^)\n]*)\))?[ \t]*:[ \t]*(.*?)[ \t]*$/;
const MODIFIER_LINE = /^[ \t]*\[(?!\[)([^\]\n]+)\][ \t]*$/gm;
const INSERT = /\{([A-Za-z][\w ]*?)(?:\s*:\s*([^{}]*))?\}/g;
/** Inserts the importer turns into options or prompt text itself (findTwineLinks, findIncludes, importTwine). */
export const MAPPED_INSERTS = new Set(['link to', 'embed passage', 'embed passage named', 'back link', 'restart link']);

/**
 * The vars section of a Chapbook passage, or undefined when it has none. Every line before a
 * line that is exactly `--` must look like `name: value` or `name (condition): value`.
 *
 * @example
 * chapbookVarsSection('hp: 10\n--\nYou wake.')?.lines[0]; // { name: 'hp', value: '10', … }
 */
export function chapbookVarsSection(text: string): ChapbookVarsSection | undefined {
  const divider = /^--[ \t]*$/m.exec(text);
  if (!divider) return undefined;
  const lines: ChapbookVarsSection['lines'] = [];
  let offset = 0;
  for (const line of text.slice(0, divider.index).split('\n')) {
    if (line.trim()) {
      const m = VARS_LINE.exec(line);
      if (!m) return undefined;
      lines.push({
        name: m[1]!,
        ...(m[2] !== undefined ? { condition: m[2] } : {}),
        value: m[3]!,
        offset,
        source: line.trim(),
      });
    }
    offset += line.length + 1;
  }
  return { end: divider.index + divider[0].length, lines };
}

/**
 * A Chapbook (JavaScript) expression such as `hp > 0 && !dead` as an Offshoot expression:
 * Chapbook's variables are bare names, so each becomes a Twine `$name` first. Undefined when it
 * uses anything else (property access, calls, temporaries).
 *
 * @example
 * convertChapbookExpression('hp - 1', 'hp')?.expression; // 'hp - 1'
 */
export function convertChapbookExpression(source: string, it?: string): ConvertedExpression | undefined {
  if (/[.[\]{}`]/.test(source.replace(/'[^']*'|"[^"]*"/g, "''").replace(/\d\.\d/g, '0'))) return undefined;
  const dollared = source.replace(/'[^']*'|"[^"]*"|\b[A-Za-z_]\w*\b/g, (token) =>
    /^['"]/.test(token) || token === 'true' || token === 'false' ? token : `$${token}`,
  );
  // `_temp` variables live for one passage: a condition on one cannot become a story `if`.
  if (/\$_/.test(dollared)) return undefined;
  return convertTwineExpression(dollared, it);
}

/**
 * Adds what a Chapbook passage does to a scan: its vars section as sets (a conditional line runs
 * only sometimes), `[if …]`/`[unless …]`/`[else]` modifiers as condition regions up to the next
 * modifier, every other modifier and insert as a feature to report, `{name}` as a printed variable.
 *
 * @example
 * const scan = scanTwineText(text, { chapbook: true }); // calls scanChapbook
 */
export function scanChapbook(text: string, scan: TwineScan, containers: { start: number; end: number }[]): void {
  const vars = chapbookVarsSection(text);
  for (const line of vars?.lines ?? []) {
    const set = chapbookSet(line.name, line.value, line.source, line.offset);
    if (!set) {
      scan.features.push({ kind: 'macro', name: 'vars section line', offset: line.offset });
      continue;
    }
    if (line.condition !== undefined) containers.push({ start: line.offset, end: line.offset + line.source.length });
    scan.sets.push(set);
  }
  const modifiers = [...text.matchAll(MODIFIER_LINE)].filter((m) => m.index >= (vars?.end ?? 0));
  let chain: string[] | undefined;
  modifiers.forEach((m, i) => {
    const inner = m[1]!.trim();
    const name = (/^[a-z]+/i.exec(inner)?.[0] ?? inner).toLowerCase();
    if (!/^[a-z]/i.test(inner)) return; // `[1]`, `[…]`: bracketed prose, not a modifier
    const start = m.index + m[0].length;
    const end = modifiers[i + 1]?.index ?? text.length;
    if (name !== 'if' && name !== 'unless' && name !== 'else') {
      chain = undefined;
      // `[continue]` (`[cont'd]`, `[cont]`) only ends the previous modifier's text; nothing is lost.
      if (!/^cont/.test(name)) scan.features.push({ kind: 'macro', name: `[${name}]`, offset: m.index });
      return;
    }
    // `[if x; append]`: the condition is before the `;`.
    const condition = inner.slice(name.length).split(';')[0]!;
    const converted = name === 'else' ? undefined : convertChapbookExpression(condition);
    let expression: string | undefined;
    if (name !== 'else') {
      chain = converted ? [converted.expression] : undefined;
      expression = converted && (name === 'unless' ? `!(${converted.expression})` : converted.expression);
      if (name === 'unless' && chain) chain = [`!(${converted!.expression})`];
    } else if (chain) expression = chain.map((c) => `!(${c})`).join(' && ');
    scan.conditions.push({ name: `[${name}]`, offset: m.index, end, ...(expression ? { expression } : {}) });
    scan.regions.push({
      start,
      end,
      variables: converted?.variables ?? [],
      source: m[0].trim(),
      offset: m.index,
      ...(expression ? { expression } : {}),
    });
    containers.push({ start, end });
  });
  for (const m of text.matchAll(INSERT)) {
    const name = m[1]!.trim().toLowerCase();
    if (MAPPED_INSERTS.has(name)) continue;
    if (m[2] === undefined && /^[A-Za-z_]\w*$/.test(name) && !name.includes(' '))
      scan.features.push({ kind: 'variable', name: `{${m[1]!.trim()}}`, offset: m.index });
    else scan.features.push({ kind: 'macro', name: `{${name}}`, offset: m.index });
  }
}

function chapbookSet(variable: string, value: string, source: string, offset: number): TwineSet | undefined {
  // `_temp` lives for one passage; `config.x` and `a.b` set properties: neither is a story variable.
  if (!/^[A-Za-z]\w*$/.test(variable)) return undefined;
  return twineSet(variable, value, source, offset, convertChapbookExpression(value, variable));
}
