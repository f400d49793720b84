import { readFileSync } from 'node:fs';
import { Compiler } from 'inkjs/full';
import { describe, expect, it } from 'vitest';
import { validateStory } from '../../src/core/validate/validateStory.js';
import { ImportError } from '../../src/import/ImportReport.js';
import { importInk } from '../../src/import/ink/importInk.js';

const INTERCEPT = 'test/fixtures/third-party/the-intercept/TheIntercept.ink';

const SMALL = [
  'VAR gold = 0',
  'VAR brave = false',
  '-> start',
  '=== start ===',
  'You stand at a fork. #scene:fork',
  '* [Left] You go left.',
  '  ~ gold = gold + 1',
  '  -> cave',
  '* {gold > 5} [Secret] -> END',
  '* [Right] -> river',
  '=== cave ===',
  'A cave.',
  '+ [Back] -> start',
  '+ [Sleep] -> END',
  '=== river ===',
  '= bank',
  'A river.',
  '* [Swim]',
  '  ~ brave = true',
  '  -> END',
].join('\n');

describe('importInk', () => {
  it('turns choice points into segments, choices into options and changed globals into literal sets', () => {
    const { story, stats, warnings } = importInk(SMALL);
    expect(validateStory(JSON.stringify(story)).errors).toEqual([]);
    expect(story.state).toEqual({ gold: 0, brave: false });
    const start = story.segments[story.start]!;
    expect(start.generate!.prompt).toBe('You stand at a fork.');
    // The {gold > 5} choice is not offered at the start, so it is not an option there.
    expect(start.choice!.options.map((o) => [o.label, o.set ?? null])).toEqual([
      ['Left', { gold: '1' }],
      ['Right', null],
    ]);
    const swim = story.segments[start.choice!.options[1]!.next]!.choice!.options[0]!;
    expect(swim).toMatchObject({ label: 'Swim', set: { brave: 'true' } });
    expect(story.segments[swim.next]).toMatchObject({ end: true });
    expect(stats.segments).toBe(Object.keys(story.segments).length);
    expect(stats.sourceNodes).toBe(stats.segments);
    expect(warnings).toContainEqual(
      expect.objectContaining({ code: 'tag', message: expect.stringContaining('#scene:fork') }),
    );
    expect(start).toMatchObject({ 'x-ink': { path: 'start', tags: ['scene:fork'] } });
  });

  it('gives the same story from the compiled JSON as from the .ink source', () => {
    const json = new Compiler(SMALL).Compile().ToJson()!;
    expect(JSON.stringify(importInk(json).story)).toBe(JSON.stringify(importInk(SMALL).story));
  });

  it('imports The Intercept within a bound, reports the cut and the merges, and validates', () => {
    const result = importInk(readFileSync(INTERCEPT, 'utf8'), { maxNodes: 120 });
    const report = validateStory(JSON.stringify(result.story, null, 2));
    expect(report.errors).toEqual([]);
    const start = result.story.segments[result.story.start]!;
    expect(start.generate!.prompt).toMatch(/^They are keeping me waiting\./);
    expect(start.choice!.options.map((o) => o.label)).toEqual(['Hut 14']);
    expect(result.stats.segments).toBe(result.stats.sourceNodes);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'truncated', message: expect.stringContaining('120 choice points') }),
    );
    expect(result.story.state).toMatchObject({ forceful: 0, evasive: 0 });
    // raise(forceful) / lower(forceful) show up as literal sets somewhere in what was explored.
    const sets = Object.values(result.story.segments)
      .flatMap((s) => s.choice?.options ?? [])
      .map((o) => o.set?.forceful)
      .filter(Boolean);
    expect(sets).toEqual(expect.arrayContaining(['1', '-1']));
  }, 60_000);

  it('throws ImportError naming the line of an ink compile error, and for JSON that is not compiled ink', () => {
    try {
      importInk('Hello.\n* [Go] -> nowhere');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).line).toBe(2);
      expect((error as Error).message).toMatch(/nowhere/);
    }
    expect(() => importInk('{"passages": []}')).toThrow(/inkVersion/);
    expect(() => importInk('{"inkVersion": ')).toThrow(/not valid JSON/);
  });

  it('gives choices with the same text, and emoji-only choices, distinct option ids', () => {
    const ink = [
      'Which door?',
      '* [Open] -> a',
      '* [Open] -> b',
      '* [🐱] -> a',
      '* [🐶] -> b',
      '=== a ===',
      'A.',
      '-> END',
      '=== b ===',
      'B.',
      '-> END',
    ];
    const { story } = importInk(ink.join('\n'));
    expect(validateStory(JSON.stringify(story)).errors).toEqual([]);
    const options = story.segments[story.start]!.choice!.options;
    expect(options.map((o) => o.id)).toEqual(['Open', 'Open-2', 'u1f431', 'u1f436']);
    expect(new Set(options.map((o) => o.next)).size).toBe(2);
  });

  it('resolves INCLUDE through the reader it is given, and refuses includes without one', () => {
    const files: Record<string, string> = { 'cave.ink': '=== cave ===\nA cave.\n* [Leave] -> END\n' };
    const read = (name: string) => {
      const text = files[name];
      if (text === undefined) throw new Error('no such file beside the story');
      return text;
    };
    const { story } = importInk('INCLUDE cave.ink\nOutside.\n* [In] -> cave\n', { readInclude: read });
    expect(Object.values(story.segments).map((s) => s.generate?.prompt)).toContain('A cave.');
    expect(() => importInk('INCLUDE lost.ink\nHi.\n-> END\n', { readInclude: read })).toThrow(
      /INCLUDE lost\.ink: no such file beside the story/,
    );
    expect(() => importInk('INCLUDE cave.ink\nHi.\n-> END\n')).toThrow(
      /INCLUDE cave\.ink: includes are read only from a file/,
    );
  });

  it('stops at the time bound with the states not yet explored cut, and says so', () => {
    // A clock that moves one second per reading: the verdict does not depend on machine speed.
    let t = 0;
    const now = () => (t += 1000);
    const result = importInk(readFileSync(INTERCEPT, 'utf8'), { maxSeconds: 25, now, maxNodes: 100_000 });
    const truncated = result.warnings.find((w) => w.code === 'truncated');
    expect(truncated?.message).toMatch(/stopped after 25 s \(\d+ choice points\)/);
    expect(Number(/\((\d+) choice points/.exec(truncated!.message)![1])).toBeLessThanOrEqual(250);
    expect(validateStory(JSON.stringify(result.story)).errors).toEqual([]);
  }, 60_000);

  it('reports no rename for an ending segment it did not need', () => {
    expect(importInk(SMALL).warnings.filter((w) => w.code === 'rename')).toEqual([]);
  });
});
