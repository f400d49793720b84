// Numbers a story cannot hold: JSON.parse turns `1e400` into Infinity without a word, and an
// object built in code can carry Infinity or NaN. Both are schema errors naming the value's path
// (and, for text, its line), wherever the number sits: durations, choice times, state values.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/core/validate/formatIssue.js';
import { validateStory } from '../../../src/core/validate/validateStory.js';
import { loadStory } from '../../../src/player/setup/loadStory.js';

const TEXT = readFileSync('examples/night-walk.json', 'utf8');
/** night-walk.json's text with the first `from` replaced by `to`. */
const textWith = (from: string, to: string): string => {
  expect(TEXT).toContain(from);
  return TEXT.replace(from, to);
};
const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('non-finite numbers in story text', () => {
  it.each([
    ['a duration', '"duration": 4,', '"duration": 1e400,', '/segments/intro/duration', '1e400', 'Infinity'],
    ['a choice time', '"at": 1,', '"at": -1e999,', '/segments/intro/choice/at', '-1e999', '-Infinity'],
    ['a state value', '"courage": 0', '"courage": 2E+308', '/state/courage', '2E+308', 'Infinity'],
    [
      'an integer of 400 digits',
      '"until": 4,',
      `"until": ${'9'.repeat(400)},`,
      '/segments/intro/choice/until',
      '9'.repeat(400),
      'Infinity',
    ],
  ])('%s is a schema error at its line, saying what it reads as', (_what, from, to, path, literal, readsAs) => {
    const text = textWith(from, to);
    const report = validateStory(text, { file: 'night-walk.json' });
    expect(report.valid).toBe(false);
    expect(report.errors).toHaveLength(1);
    const [issue] = report.errors;
    expect(issue).toMatchObject({ code: 'schema', path, file: 'night-walk.json', line: lineOf(text, to) });
    expect(issue!.message).toContain(`is ${literal}, past the largest number`);
    expect(issue!.message).toContain(`would read as ${readsAs}`);
    expect(issue!.message).toContain('use a finite number');
  });

  it('accepts large and tiny finite numbers (1.7e308, 1e-400 which reads as 0)', () => {
    expect(validateStory(textWith('"courage": 0', '"courage": 1.7e308')).valid).toBe(true);
    expect(validateStory(textWith('"courage": 0', '"courage": 1e-400')).valid).toBe(true);
  });

  it('does not mistake digits inside strings for numbers', () => {
    const report = validateStory(textWith('"title": "A Night Walk"', '"title": "1e400"'));
    expect(report.errors.map(formatIssue)).toEqual([]);
  });

  it('lists every non-finite number, not only the first', () => {
    const text = textWith('"duration": 4,', '"duration": 1e400,').replace('"courage": 0', '"courage": -1e400');
    expect(validateStory(text).errors.map((e) => e.path)).toEqual(['/state/courage', '/segments/intro/duration']);
  });
});

describe('non-finite numbers in a story object', () => {
  const story = () =>
    JSON.parse(TEXT) as {
      state: Record<string, unknown>;
      segments: Record<string, { duration: number; choice?: { until: number } }>;
    };

  it.each([
    [
      'a duration',
      (s: ReturnType<typeof story>) => (s.segments.intro!.duration = Infinity),
      '/segments/intro/duration',
      'Infinity',
    ],
    [
      'a choice time',
      (s: ReturnType<typeof story>) => (s.segments.forest!.choice!.until = Number.NaN),
      '/segments/forest/choice/until',
      'NaN',
    ],
    ['a state value', (s: ReturnType<typeof story>) => (s.state.courage = -Infinity), '/state/courage', '-Infinity'],
  ])('%s is a schema error naming its path', (_what, spoil, path, shown) => {
    const s = story();
    spoil(s);
    const report = validateStory(s);
    expect(report.valid).toBe(false);
    expect(report.errors).toEqual([
      expect.objectContaining({
        code: 'schema',
        path,
        message: expect.stringContaining(`is ${shown}, which JSON cannot hold`),
      }),
    ]);
  });

  it('is refused by the player when the object is passed to it, with the path in the message', async () => {
    const s = story();
    s.segments.intro!.duration = Infinity;
    await expect(loadStory(s, 'http://localhost/')).rejects.toMatchObject({
      code: 'story-invalid',
      message: expect.stringContaining('segments/intro/duration` is Infinity'),
    });
  });
});
