import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTwee, parseTwine2HTML } from 'extwee';
import { validateStory } from '../../src/core/validate/validateStory.js';
import { ImportError } from '../../src/import/ImportReport.js';
import { importTwine } from '../../src/import/twine/importTwine.js';

const DUNGEON = 'test/fixtures/third-party/cookbook-dungeon-sugarcube/dungeon.twee';
const SPACE = 'test/fixtures/third-party/cookbook-space-harlowe/space-exploration.html';
const read = (file: string) => readFileSync(file, 'utf8');
const messages = (r: ReturnType<typeof importTwine>) => r.warnings.map((w) => w.message).join('\n');

/** Every option of every segment. */
const optionsOf = (story: ReturnType<typeof importTwine>['story']) =>
  Object.values(story.segments).flatMap((s) => s.choice?.options ?? []);

describe('importTwine on third-party stories', () => {
  it('imports the SugarCube dungeon (Twee 3): one segment per passage, valid, includes followed, macros reported with lines', () => {
    const source = read(DUNGEON);
    const result = importTwine(source);
    const report = validateStory(JSON.stringify(result.story, null, 2));
    expect(report.errors).toEqual([]);
    // extwee's own count of story passages, less StoryInit (a special passage) = segments.
    const passages = parseTwee(source).passages.filter((p) => p.name !== 'StoryInit');
    expect(Object.keys(result.story.segments)).toHaveLength(passages.length);
    expect(result.stats.segments).toBe(passages.length);
    expect(result.stats.options).toBe(optionsOf(result.story).length);
    expect(result.story.state).toEqual({ positionX: 1, positionY: 1 });
    // East's `<<set $positionX += 1>>` is the set of the options into East, found through <<include "Map System">>.
    const intoEast = optionsOf(result.story).filter((o) => o.next === 'East');
    expect(intoEast.length).toBeGreaterThan(0);
    for (const o of intoEast) expect(o.set).toEqual({ positionX: 'positionX + (1)' });
    const lines = source.split('\n');
    const mapped = result.warnings.find(
      (w) => w.passage === 'East' && w.code === 'mapped' && w.message.includes('+= 1'),
    );
    expect(lines[mapped!.line! - 1]).toBe('<<set $positionX += 1>>');
    const text = messages(result);
    for (const dropped of ['<<for>>', '<<print>>', 'story stylesheet']) expect(text).toContain(dropped);
    const forLine = result.warnings.find((w) => w.message.includes('<<for>>'))!.line!;
    expect(lines[forLine - 1]).toContain('<<for');
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        code: 'rename',
        passage: 'Map System',
        message: expect.stringContaining('`Map-System`'),
      }),
    );
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'start' }));
  });

  it('imports the Harlowe space story (published HTML): startup values, (display:)ed (if:)(goto:) as conditional options', () => {
    const source = read(SPACE);
    const result = importTwine(source);
    expect(validateStory(JSON.stringify(result.story)).errors).toEqual([]);
    const passages = parseTwine2HTML(source).passages.filter((p) => !p.tags.includes('startup'));
    expect(result.stats.segments).toBe(passages.length);
    expect(result.story.start).toBe('Start');
    expect(result.story.state).toEqual({ health: 20, fuel: 3, numberOfJumpsLeft: 10 });
    const check = result.story.segments['Check-Status']!.choice!.options;
    expect(check.map((o) => [o.next, o.if])).toEqual([
      ['Destroyed', 'health <= 0'],
      ['Lost-in-space', 'fuel <= 0'],
      ['Safe', 'numberOfJumpsLeft <= 0'],
    ]);
    // (link: "Hyperjump")[(set: $fuel to it - 1)(set: $numberOfJumpsLeft to it - 1)(goto: "Explore Space 2")] is one option.
    expect(result.story.segments['Explore-Space-1']!.choice!.options[0]).toEqual({
      id: 'Hyperjump',
      label: 'Hyperjump',
      next: 'Explore-Space-2',
      set: { fuel: 'fuel - 1', numberOfJumpsLeft: 'numberOfJumpsLeft - 1' },
    });
    const text = messages(result);
    for (const dropped of ['(random:)', '(either:)', '(for:)', '(replace:)', 'prints $health'])
      expect(text).toContain(dropped);
    // Lines point into the HTML file.
    const set = result.warnings.find((w) => w.message.startsWith('(set: $fuel to 3)'))!;
    expect(source.split('\n')[set.line! - 1]).toBe('(set: $fuel to 3)');
    expect(result.story.segments.Destroyed).toMatchObject({
      end: true,
      generate: { prompt: 'The ship exploded in flight. Game Over.' },
    });
  });

  it('is deterministic: the same file gives the same story and seeds', () => {
    expect(JSON.stringify(importTwine(read(SPACE)).story)).toBe(JSON.stringify(importTwine(read(SPACE)).story));
  });
});

describe('importTwine mapping', () => {
  const twee = [
    ':: StoryData',
    '{"ifid":"D674C58C-DEFA-4F70-B7A2-27742230C0FC","format":"Harlowe","format-version":"3.3.9","start":"Fork"}',
    '',
    ':: StoryInit [startup]',
    '(set: $gold to 0)',
    '',
    ':: Fork',
    "''A fork'' in the road. [[Go left->A b]] [[A-b<-Right]] [[Back|Fork]] [[Nowhere]]",
    '(if: $gold is 5)[[[Treasure->Vault]]]',
    '',
    ':: A b',
    '(set: $gold to it + 5)A bend. [[Fork]]',
    '',
    ':: A-b',
    'The other bend.',
    '',
    ':: Vault',
    'Gold. <<audio "x" play>>',
  ].join('\n');

  it('maps the four link forms, (set:) on entry, (if:) around a link, id collisions and broken links', () => {
    const result = importTwine(twee);
    const { story } = result;
    expect(validateStory(JSON.stringify(story)).errors).toEqual([]);
    expect(story.start).toBe('Fork');
    expect(Object.keys(story.segments)).toEqual(['Fork', 'A-b', 'A-b-2', 'Vault']);
    const options = story.segments.Fork!.choice!.options;
    expect(options.map((o) => [o.label, o.next, o.if ?? null])).toEqual([
      ['Go left', 'A-b', null],
      ['Right', 'A-b-2', null],
      ['Back', 'Fork', null],
      ['Treasure', 'Vault', 'gold == 5'],
    ]);
    expect(options[0]!.set).toEqual({ gold: 'gold + 5' });
    expect(story.state).toEqual({ gold: 0 });
    expect(story.segments['A-b-2']).toMatchObject({ end: true });
    expect(story.segments.Fork!.generate!.prompt).toBe('A fork in the road. Go left Right Back Nowhere Treasure');
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'broken-link', passage: 'Fork', line: 8 }));
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'rename', passage: 'A-b', message: expect.stringContaining('`A-b-2`') }),
    );
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        code: 'macro',
        passage: 'Vault',
        line: 18,
        message: expect.stringContaining('<<audio>>'),
      }),
    );
    expect(result.stats).toMatchObject({
      sourceNodes: 4,
      sourceLinks: 6,
      segments: 4,
      options: 5,
      endings: 2,
      variables: 1,
    });
  });

  it('reads Windows line endings and a byte-order mark the same way', () => {
    const unix = importTwine(twee).story;
    const windows = importTwine(`\uFEFF${twee.replace(/\n/g, '\r\n')}`).story;
    expect(Object.keys(windows.segments)).toEqual(Object.keys(unix.segments));
    expect(windows.segments.Fork!.choice).toEqual(unix.segments.Fork!.choice);
    expect(windows.state).toEqual(unix.state);
  });

  it('gives a loop whose way out was a dropped macro an "End here" option, so the story validates', () => {
    const result = importTwine(
      ':: Start\nRound. [[Again->Start]] (if: $x > (random: 1, 2))[(goto: "Out")]\n:: Out\nDone.',
    );
    expect(validateStory(JSON.stringify(result.story)).errors).toEqual([]);
    expect(result.story.segments.Start!.choice!.options.map((o) => o.next)).toContain('Out');
  });

  it('reports Snowman <% code %> and leaves it out of the prompt', () => {
    const result = importTwine(':: Start\nHello <% s.x = 1 %>world <%= s.x %>. [[End]]\n:: End\nBye.');
    expect(result.story.segments.Start!.generate!.prompt).toBe('Hello world . End');
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'macro', passage: 'Start', line: 2, message: expect.stringContaining('<% %>') }),
    );
  });

  it('throws ImportError for text that is not Twine, and names the line of a nameless passage header', () => {
    expect(() => importTwine('just some text')).toThrow(ImportError);
    expect(() => importTwine('<html><body>hi</body></html>')).toThrow(/tw-storydata/);
    try {
      importTwine(':: Start\nHi\n\n:: [tag]\nx');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).line).toBe(4);
    }
  });
});
