// Hostile story files: nesting far past the depth limit, text past the size limit, more
// segments than the limit, thousands of bad references. Each must come back as a report
// naming the limit (never an exception, a stack overflow or an unbounded walk). The bounds
// are asserted by what the report says and by how much was listed, not by wall-clock time;
// `npx tsx bench/validate.bench.ts` has the timings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MAX_ISSUES_PER_CODE,
  MAX_JSON_DEPTH,
  MAX_SEGMENTS,
  MAX_STORY_CHARACTERS,
} from '../../../src/core/validate/limits.js';
import { validateStory } from '../../../src/core/validate/validateStory.js';
import type { ValidationReport } from '../../../src/core/validate/ValidationReport.js';

const base = JSON.parse(readFileSync('test/fixtures/stories/valid/fox-and-cave.json', 'utf8')) as Record<
  string,
  unknown
> & { segments: Record<string, Record<string, unknown>> };
const LEVELS = 100_000;

function onlyError(report: ValidationReport) {
  expect(report.valid).toBe(false);
  expect(report.errors).toHaveLength(1);
  return report.errors[0]!;
}

/** A chain of `count` segments, s0 → s1 → … → an ending. */
function chain(
  count: number,
  next: (i: number) => string | undefined = (i) => (i + 1 < count ? `s${i + 1}` : undefined),
) {
  const segments: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const to = next(i);
    segments[`s${i}`] =
      to === undefined ? { media: 'm.m3u8', duration: 1, end: true } : { media: 'm.m3u8', duration: 1, next: to };
  }
  return { ...base, start: 's0', segments };
}

describe('deeply nested JSON', () => {
  it.each([
    ['arrays', '['.repeat(LEVELS) + ']'.repeat(LEVELS)],
    ['arrays never closed', '['.repeat(LEVELS)],
    ['objects', '{"a":'.repeat(LEVELS) + '1' + '}'.repeat(LEVELS)],
    [
      'objects inside a story',
      JSON.stringify(base).replace('"x-editor":', `"x-deep":${'['.repeat(LEVELS)}${']'.repeat(LEVELS)},"x-editor":`),
    ],
  ])('%s, 100,000 levels as text: one error at the first level past the limit', (_, text) => {
    const error = onlyError(validateStory(text));
    expect(error.message).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
    expect(error.line).toBe(1);
  });

  it('100,000 levels given as a value: one error naming the path where the limit is hit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < LEVELS; i++) deep = [deep];
    const error = onlyError(validateStory({ ...base, 'x-deep': deep }));
    expect(error.message).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
    expect(error.path).toBe(`/x-deep${'/0'.repeat(MAX_JSON_DEPTH - 1)}`);
  });

  it('a cycle given as a value is reported as too deep, not walked forever', () => {
    const story = structuredClone(base);
    story.segments.intro!['x-self'] = story.segments;
    expect(onlyError(validateStory(story)).message).toContain('or is part of a cycle');
  });
});

describe('huge JSON', () => {
  const huge = 'x'.repeat(50_000_000);

  it('a 50 MB title as text: refused before parsing, with the size and the limit', () => {
    const error = onlyError(validateStory(JSON.stringify({ ...base, title: huge })));
    expect(error.message).toMatch(/^the story is 47\.7 MiB \(\d+ characters\); the limit is 8\.0 MiB/);
  });

  it('a 50 MB caption as a value: refused, naming where the count went over', () => {
    const story = structuredClone(base);
    (story.segments.intro!.captions as { text: string }[])[0]!.text = huge;
    const error = onlyError(validateStory(story));
    expect(error.message).toContain('the limit is 8.0 MiB');
    expect(error.message).toContain('/segments/intro/captions/0/text');
  });

  it('a story just under the size limit is still checked in full', () => {
    const story = structuredClone(base);
    (story.segments.intro!.captions as { text: string }[])[0]!.text = 'y'.repeat(MAX_STORY_CHARACTERS - 4000);
    const report = validateStory(JSON.stringify(story));
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it(`more than ${MAX_SEGMENTS} segments (100,000): one error at /segments, no further checks`, () => {
    const error = onlyError(validateStory(chain(100_000)));
    expect(error).toMatchObject({ code: 'schema', path: '/segments' });
    expect(error.message).toBe(
      `the story has 100000 segments; the limit is ${MAX_SEGMENTS}: split it into several stories`,
    );
  });

  it(`${MAX_SEGMENTS} segments in a chain, as text: valid`, () => {
    const report = validateStory(JSON.stringify(chain(MAX_SEGMENTS), null, 1));
    expect(report.errors).toEqual([]);
  }, 60_000);

  it(`4000 segments that each name a missing one: ${MAX_ISSUES_PER_CODE} listed with positions, the rest counted`, () => {
    const report = validateStory(
      JSON.stringify(
        chain(4000, (i) => `nope${i}`),
        null,
        1,
      ),
    );
    const unknown = report.errors.filter((e) => e.code === 'unknown-segment');
    expect(unknown).toHaveLength(MAX_ISSUES_PER_CODE + 1);
    expect(unknown[0]).toMatchObject({ path: '/segments/s0/next', segment: 's0' });
    expect(unknown[0]!.line).toBeGreaterThan(1);
    expect(unknown.at(-1)!.message).toBe(
      `…and ${4000 - MAX_ISSUES_PER_CODE} more \`unknown-segment\` issues not listed`,
    );
  }, 60_000);
});

describe('ids the schema does not constrain', () => {
  it.each(['a b', '__proto__', 'x'.repeat(5000), 'constructor'])(
    '`start` = %j names no segment: unknown-segment, clipped',
    (start) => {
      const error = onlyError(validateStory({ ...base, start }));
      expect(error).toMatchObject({ code: 'unknown-segment', path: '/start' });
      expect(error.message.length).toBeLessThan(200);
    },
  );
});
