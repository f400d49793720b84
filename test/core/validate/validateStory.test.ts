import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/core/validate/formatIssue.js';
import { validateStory } from '../../../src/core/validate/validateStory.js';
import type { IssueCode } from '../../../src/core/validate/ValidationReport.js';

const dir = 'test/fixtures/stories';
const read = (name: string) => readFileSync(`${dir}/${name}`, 'utf8');
const all = (report: ReturnType<typeof validateStory>) => [...report.errors, ...report.warnings];

describe('valid stories', () => {
  it.each(readdirSync(`${dir}/valid`))('%s passes with no issues and comes back as a story', (file) => {
    const report = validateStory(read(`valid/${file}`), { file });
    expect(all(report).map(formatIssue)).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.story?.segments).toBeDefined();
    expect(validateStory(JSON.parse(read(`valid/${file}`))).valid).toBe(true);
  });

  it('fills in an empty state when the story declares none', () => {
    const story = JSON.parse(read('valid/minimal.json'));
    delete story.state;
    delete story.segments.intro.choice.options[0].set;
    story.segments.intro.choice.options[1].if = 'visits.woods > 0';
    story.segments.woods.next = 'river';
    const report = validateStory(story);
    expect(report.errors).toEqual([]);
    expect(report.story?.state).toEqual({});
    expect(story.state).toBeUndefined(); // the caller's object is not changed
  });
});

// Each invalid fixture is named after the code it must trigger: [code, segment, line, column].
const expected: Record<string, [IssueCode, string | undefined, number, number]> = {
  'parse-error': ['parse-error', undefined, 4, 19],
  schema: ['schema', 'intro', 36, 7],
  'duplicate-key': ['duplicate-key', 'woods', 50, 5],
  'unknown-segment': ['unknown-segment', 'river', 53, 7],
  'duplicate-option': ['duplicate-option', 'intro', 29, 13],
  'unknown-default': ['unknown-default', 'intro', 18, 9],
  'bad-route': ['bad-route', 'woods', 41, 9],
  'bad-expression': ['bad-expression', 'intro', 32, 29],
  'unknown-variable': ['unknown-variable', 'intro', 32, 20],
  'type-mismatch': ['type-mismatch', 'intro', 25, 15],
  'bad-timing': ['bad-timing', 'intro', 17, 9],
  'no-ending': ['no-ending', undefined, 5, 3],
  trap: ['trap', 'river', 50, 5],
  unreachable: ['unreachable', 'attic', 60, 5],
  'hidden-default': ['hidden-default', 'intro', 18, 9],
};

describe('invalid stories: one fixture per code', () => {
  it('has a fixture for every code', () => {
    expect(
      readdirSync(`${dir}/invalid`)
        .map((f) => f.replace('.json', ''))
        .sort(),
    ).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s', (name, [code, segment, line, column]) => {
    const report = validateStory(read(`invalid/${name}.json`), { file: `${name}.json` });
    const issue = all(report).find((i) => i.code === code);
    expect(issue, JSON.stringify(all(report))).toBeDefined();
    expect(issue).toMatchObject({ line, column, file: `${name}.json` });
    expect(issue!.segment).toBe(segment);
    if (segment) expect(issue!.message).toContain(segment);
    const isWarning = code === 'unreachable' || code === 'hidden-default';
    expect(report.valid).toBe(isWarning);
    expect(report.story !== undefined).toBe(isWarning);
    // Only the intended problem: fixtures differ from a valid story in one place.
    expect(new Set(all(report).map((i) => i.code))).toEqual(new Set([code]));
  });
});

describe('messages and locations', () => {
  it('reports schema problems in plain words with a suggestion', () => {
    const report = validateStory(read('invalid/schema.json'));
    expect(report.errors.map((e) => e.message)).toEqual([
      'unknown field `nxt` in segment intro; did you mean `next`?',
      'segment river: missing required field `duration`',
    ]);
    expect(report.errors.map((e) => e.path)).toEqual(['/segments/intro/nxt', '/segments/river']);
  });

  it('places parse errors at the offending character', () => {
    const report = validateStory('{\n  "offshoot": 1,\n  // note\n  "id": "x"\n}');
    expect(report.errors).toEqual([expect.objectContaining({ code: 'parse-error', line: 3, column: 3 })]);
    expect(validateStory('{"a": 1,}').errors[0]).toMatchObject({ code: 'parse-error', line: 1, column: 9 });
    expect(validateStory('{"a": "unterminated').errors[0]).toMatchObject({ code: 'parse-error', line: 1, column: 7 });
    expect(validateStory('').errors[0]).toMatchObject({ code: 'parse-error', line: 1, column: 1 });
  });

  it('says which one-of rule a segment breaks', () => {
    const story = JSON.parse(read('valid/minimal.json'));
    story.segments.river.generate = { prompt: 'a river' };
    delete story.segments.ending.end;
    const messages = validateStory(story).errors.map((e) => e.message);
    expect(messages).toContain('segment river: has `media` and `generate`; keep exactly one of `media` or `generate`');
    expect(messages).toContain(
      'segment ending: needs one of `choice`, `next`, `end` (`"end": true` if the story ends here)',
    );
  });

  it('explains types, ids, empty values and extension fields', () => {
    const story = JSON.parse(read('valid/minimal.json'));
    story.segments.intro.duration = '8';
    story.segments.intro.choice.options[0].label = '';
    story.segments.woods.next = 5;
    story.state['has-dash'] = 1;
    story['x-editor'] = { anything: [1, 2] };
    story.segments.river['x-note'] = 'kept';
    story.offshoot = 2;
    const messages = validateStory(story).errors.map((e) => e.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        '`duration` in segment intro must be a number, not the string "8"',
        '`label` in option 1 of segment intro must not be empty',
        expect.stringMatching(/^`next` in segment woods must be a segment id or a list of routes/),
        expect.stringMatching(/^name `has-dash` in the state block is not allowed/),
        '`offshoot` must be 1: this is story format version 1',
      ]),
    );
    expect(messages.join('\n')).not.toContain('x-');
  });

  it('does not echo a badly declared variable as unknown where it is used', () => {
    const story = JSON.parse(read('valid/minimal.json'));
    story.state.courage = { level: 0 };
    expect(validateStory(story).errors).toEqual([
      expect.objectContaining({
        code: 'schema',
        path: '/state/courage',
        message: '`courage` in the state block must be a number, true/false or a string, not an object { … }',
      }),
    ]);
  });

  it('refuses __proto__ as a segment id or variable name', () => {
    const story = JSON.parse(
      read('valid/minimal.json')
        .replace('"courage": 0,', '"courage": 0, "__proto__": 1,')
        .replace('"river": {', '"__proto__": { "media": "m", "duration": 1, "end": true },\n    "river": {'),
    );
    const paths = validateStory(story)
      .errors.filter((e) => e.code === 'schema')
      .map((e) => e.path);
    expect(paths).toEqual(['/state/__proto__', '/segments/__proto__']);
  });

  it('reports the timing rules', () => {
    const story = JSON.parse(read('valid/minimal.json'));
    const choice = story.segments.intro.choice;
    const timing = () =>
      validateStory(story)
        .errors.filter((e) => e.code === 'bad-timing')
        .map((e) => e.message);
    choice.at = -1;
    expect(timing()).toEqual([expect.stringContaining('`at` must be 0 or more')]);
    choice.at = 7;
    expect(timing()).toEqual([expect.stringContaining('`at` must be before `until`')]);
    choice.at = 6.5;
    expect(timing()).toEqual([expect.stringContaining('open only 0.5 s')]);
    delete choice.until;
    choice.at = 8;
    expect(timing()).toEqual([expect.stringContaining('before the end of the segment')]);
    choice.at = 3;
    story.segments.intro.captions = [
      { from: 2, to: 1, text: 'x' },
      { from: 1, to: 9, text: 'y' },
    ];
    expect(timing()).toEqual([
      expect.stringContaining('caption 1 ends'),
      expect.stringContaining('caption 2 ends at 9 s'),
    ]);
  });

  it('checks set targets, placeholders and uses against the declared state', () => {
    const story = JSON.parse(read('valid/minimal.json'));
    story.segments.intro.choice.options[0].set = { gold: '1' };
    story.segments.river = {
      generate: { prompt: 'a {colour} river', uses: ['courage', 'mood'] },
      duration: 5,
      next: 'ending',
    };
    const issues = validateStory(story).errors.filter((e) => e.code === 'unknown-variable');
    expect(issues.map((e) => e.path)).toEqual([
      '/segments/intro/choice/options/0/set/gold',
      '/segments/river/generate/prompt',
      '/segments/river/generate/uses/1',
    ]);
  });

  it('flags visits of a segment that does not exist', () => {
    const story = JSON.parse(read('valid/minimal.json'));
    story.segments.intro.choice.options[1].if = 'visits.cellar > 0';
    expect(validateStory(story).errors).toEqual([
      expect.objectContaining({ code: 'unknown-segment', path: '/segments/intro/choice/options/1/if' }),
    ]);
    story.segments['old-mill'] = { media: 'm', duration: 2, next: 'ending' };
    story.segments.river.next = 'old-mill';
    story.segments.intro.choice.options[1].if = 'visits.old-mill > 0';
    const messages = validateStory(story).errors.map((e) => e.message);
    expect(messages).toEqual(
      expect.arrayContaining([expect.stringContaining("for segment `old-mill` write visits['old-mill']")]),
    );
  });

  it('reports nesting deeper than 100 as a schema error, for text and for objects', () => {
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    expect(validateStory(`{"offshoot": 1, "x-deep": ${deep}}`).errors).toEqual([
      expect.objectContaining({ code: 'schema', line: 1 }),
    ]);
    expect(validateStory('['.repeat(50_000)).errors[0]?.code).toBe('schema');
    let nested: unknown = 1;
    for (let i = 0; i < 50_000; i++) nested = [nested];
    expect(validateStory({ offshoot: 1, 'x-deep': nested }).errors[0]?.message).toMatch(/deeper than 100/);
    const cycle: Record<string, unknown> = { offshoot: 1 };
    cycle['x-self'] = cycle;
    expect(validateStory(cycle).errors[0]?.code).toBe('schema');
  });

  it('rejects values JSON cannot hold when given an object', () => {
    for (const bad of [undefined, () => 1, Symbol('s'), 10n, { offshoot: Number.NaN }, { title: undefined }]) {
      const report = validateStory(bad);
      expect(report.valid).toBe(false);
      expect(report.errors[0]?.code).toBe('schema');
    }
  });

  it('turns a host object that throws into an internal issue, never an exception', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    const report = validateStory(hostile);
    expect(report.errors).toEqual([expect.objectContaining({ code: 'internal' })]);
  });

  it('reports an unreachable loop as unreachable only (traps are where a viewer can get stuck)', () => {
    const story = JSON.parse(read('valid/minimal.json'));
    story.segments.a = { media: 'm', duration: 2, next: 'b' };
    story.segments.b = { media: 'm', duration: 2, next: 'a' };
    const report = validateStory(story);
    expect(report.valid).toBe(true);
    expect(report.warnings.map((w) => [w.code, w.segment])).toEqual([
      ['unreachable', 'a'],
      ['unreachable', 'b'],
    ]);
  });

  it('reports no-ending alone, not every segment as a trap', () => {
    const story = JSON.parse(read('invalid/no-ending.json'));
    expect(validateStory(story).errors.map((e) => e.code)).toEqual(['no-ending']);
  });

  it('caps the number of issues of one code', () => {
    const story = JSON.parse(read('valid/minimal.json'));
    for (let i = 0; i < 300; i++) story.segments[`orphan${i}`] = { media: 'm', duration: 1, end: true };
    const report = validateStory(story);
    expect(report.valid).toBe(true);
    expect(report.warnings).toHaveLength(201);
    expect(report.warnings[200]?.message).toMatch(/100 more `unreachable`/);
  });
});
