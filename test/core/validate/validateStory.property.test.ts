import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateStory } from '../../../src/core/validate/validateStory.js';
import type { ValidationReport } from '../../../src/core/validate/ValidationReport.js';

const baseText = readFileSync('test/fixtures/stories/valid/fox-and-cave.json', 'utf8');
const base = JSON.parse(baseText) as unknown;

/** A report is well-formed: never an exception, valid iff no errors, story only when valid, no internal failures. */
function expectReport(input: unknown): ValidationReport {
  const report = validateStory(input);
  expect(Array.isArray(report.errors) && Array.isArray(report.warnings)).toBe(true);
  expect(report.valid).toBe(report.errors.length === 0);
  expect(report.story !== undefined).toBe(report.valid);
  const odd = [...report.errors, ...report.warnings].filter(
    (i) => i.code === 'internal' || typeof i.message !== 'string' || !(i.path === '' || i.path.startsWith('/')),
  );
  expect(odd).toEqual([]);
  return report;
}

// Every place in the story, as the list of keys leading to it.
function places(
  value: unknown,
  path: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => places(v, [...path, i], out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) places(v, [...path, k], out);
  return out;
}
const allPlaces = places(base);

type Mutation = { kind: 'delete' | 'replace' | 'rename-target' | 'insert'; at: number; value: unknown; key: string };
const garbage = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('nowhere', 'intro', '', 'visits.', '(((', '{name}', -1, 0, 1e308, true, null, [], {}),
);
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'replace', 'rename-target', 'insert'),
  at: fc.nat({ max: allPlaces.length - 1 }),
  value: garbage,
  key: fc.oneof(
    fc.constantFrom('next', 'nxt', 'if', 'set', 'end', 'x-a', '__proto__', 'constructor', 'media', 'generate'),
    fc.string({ maxLength: 6 }),
  ),
});

function mutate(story: unknown, mutations: Mutation[]): unknown {
  const copy = structuredClone(story);
  for (const m of mutations) {
    const path = allPlaces[m.at]!;
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown> | null)?.[key];
    const last = path[path.length - 1];
    if (typeof parent !== 'object' || parent === null || last === undefined) continue;
    const target = parent as Record<string | number, unknown>;
    if (m.kind === 'delete') {
      if (Array.isArray(target)) target.splice(Number(last), 1);
      else delete target[last];
    } else if (m.kind === 'replace') target[last] = m.value;
    else if (m.kind === 'rename-target')
      target[last] = typeof target[last] === 'string' ? `${String(target[last])}x` : m.key;
    else {
      const into = target[last];
      if (typeof into === 'object' && into !== null && !Array.isArray(into))
        Object.defineProperty(into, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      else if (Array.isArray(into)) into.push(m.value);
    }
  }
  return copy;
}

describe('validateStory never throws', () => {
  it('on mutated stories, given as objects and as text', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const story = mutate(base, mutations);
        expectReport(story);
        expectReport(JSON.stringify(story, null, 1));
      }),
      { numRuns: 400 },
    );
  });

  it('on random JSON values and random text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (value) => {
        expectReport(value);
      }),
      { numRuns: 800 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        expectReport(text);
      }),
      { numRuns: 500 },
    );
  });

  it('on the story text cut or with characters inserted anywhere', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: baseText.length }),
        fc.nat({ max: baseText.length }),
        fc.constantFrom('', ',', '{', ']', '"', '//', '\\', '\u0000', 'null'),
        (from, to, insert) => {
          const [a, b] = from <= to ? [from, to] : [to, from];
          const report = expectReport(baseText.slice(0, a) + insert + baseText.slice(b));
          for (const issue of report.errors) {
            if (issue.code === 'parse-error') expect(issue.line).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
