import { describe, expect, it } from 'vitest';
import { validateStory } from '../../src/core/validate/validateStory.js';
import { importTwine } from '../../src/import/twine/importTwine.js';

const storyData = (format: string) =>
  `:: StoryData\n{"ifid":"D674C58C-DEFA-4F70-B7A2-27742230C0FC","format":"${format}","start":"Start"}\n\n`;
const lines = (r: ReturnType<typeof importTwine>) =>
  r.warnings.map((w) => `${w.code} ${w.passage}:${w.line} ${w.message}`);

describe('importTwine: nothing lost silently', () => {
  it('reports no rename for passages that do not exist, and keeps a real "The End" passage apart from the way-out ending', () => {
    const clean = importTwine(`${storyData('Harlowe')}:: Start\nGo [[End]]\n\n:: End\nDone.\n`);
    expect(clean.warnings.filter((w) => w.code === 'rename')).toEqual([]);

    const trapped = importTwine(
      `${storyData('Harlowe')}:: Start\n[[The End]] (goto: (either: "Loop"))\n\n:: The End\nBye.\n\n:: Loop\n(goto: (either: "Loop"))\n`,
    );
    expect(validateStory(JSON.stringify(trapped.story)).errors).toEqual([]);
    expect(trapped.story.segments['The-End']!.generate!.prompt).toBe('Bye.');
    expect(trapped.warnings.filter((w) => w.code === 'rename').map((w) => w.passage)).toEqual(['The End']);
  });

  it('counts every macro use, nested ones included, and does not call a (link:) whose hook became an option lost', () => {
    const r = importTwine(
      `${storyData('Harlowe')}:: Start\n(if: $x is 1)[Hi (print: $x)](else:)[Lo (print: $y) (either: "a", "b")]\n(link: "Go")[(move: $a into $b)(goto: "End")]\n\n:: End\nDone.\n`,
    );
    const report = lines(r);
    expect(report).toContain('macro Start:5 Harlowe macro (print:) (2×) is not carried over');
    expect(report).toContain('macro Start:5 Harlowe macro (either:) is not carried over');
    expect(report).toContain('macro Start:6 Harlowe macro (move:) is not carried over');
    expect(report.join('\n')).not.toMatch(/\(link:\) is not carried over/);
    expect(report).toContain('mapped Start:6 (goto:) to "End" inside the link "Go" became option "Go"');
  });

  it('maps a link whose target is a variable to one option per value the story sets, and reports one it cannot', () => {
    const r = importTwine(
      `${storyData('Harlowe')}:: Start\n(set: $colour to "Red")[[Paint it blue->Blue]] [[$colour door]]\n\n:: Blue\n(set: $colour to "Blue")[[$colour door]] [[$where]]\n\n:: Red door\nRed.\n\n:: Blue door\nBlue.\n`,
    );
    expect(validateStory(JSON.stringify(r.story)).errors).toEqual([]);
    const blue = r.story.segments.Blue!.choice!.options;
    expect(blue.map((o) => [o.label, o.next, o.if])).toEqual([
      ['Red door', 'Red-door', "colour == 'Red'"],
      ['Blue door', 'Blue-door', "colour == 'Blue'"],
    ]);
    expect(r.story.state).toEqual({ colour: 'Red' });
    expect(r.warnings).toContainEqual(
      expect.objectContaining({
        code: 'variable-link',
        passage: 'Blue',
        message: expect.stringMatching(/"\$where" is computed from variables whose values are not known/),
      }),
    );
    expect(r.warnings.filter((w) => w.code === 'broken-link')).toEqual([]);
  });

  it('parses Chapbook vars sections, modifiers and inserts where simple and reports the rest; a {back link} page is not an ending', () => {
    const source = `${storyData('Chapbook')}:: Start
hp: 10
mood (hp > 5): 'calm'
--
You wake in a cell with {hp} health.

[if hp > 5]
You feel strong. [[Try the door->Door]]

[else]
You feel weak.

[continue]
{link to: 'Hall', label: 'Walk to the hall'}

:: Door
hp: hp - 1
--
Locked. {reveal link: 'Knock', passage: 'Hall'} {back link}

:: Hall
A hall.
[after 2s]
Footsteps.
`;
    const r = importTwine(source);
    expect(validateStory(JSON.stringify(r.story)).errors).toEqual([]);
    const start = r.story.segments.Start!;
    expect(start.generate!.prompt).toBe(
      'You wake in a cell with health. You feel strong. Try the door You feel weak. Walk to the hall',
    );
    expect(start.choice!.options.map((o) => [o.label, o.next, o.if ?? null, o.set ?? null])).toEqual([
      ['Try the door', 'Door', 'hp > 5', { hp: 'hp - 1' }],
      ['Walk to the hall', 'Hall', null, null],
    ]);
    expect(r.story.state).toEqual({ hp: 10 });
    const door = r.story.segments.Door!;
    expect(door.end).toBeUndefined();
    expect(door.choice!.options).toEqual([expect.objectContaining({ label: 'Back', next: 'Start' })]);
    const report = lines(r);
    expect(report).toContain(
      "macro Start:6 mood (hp > 5): 'calm' runs only inside a hook, condition or container macro: not carried over",
    );
    expect(report).toContain(
      'macro Start:13 [else] shows text conditionally: the prompt keeps the text of every branch',
    );
    expect(report).toContain('variable Start:8 prints {hp}: variable values are left out of the prompt');
    expect(report).toContain('mapped Door:22 {back link} to "Start" became option "Back"');
    expect(report).toContain('macro Door:22 Chapbook macro {reveal link} is not carried over');
    expect(report).toContain('macro Hall:26 Chapbook macro [after] is not carried over');
  });
});

describe('importTwine on a third-party Chapbook story (Cloak of Darkness, klembot/chapbook)', () => {
  it('carries vars, modifiers, embeds and back links, and reports temporaries, properties and inserts it cannot', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync('test/fixtures/third-party/chapbook-cloak/cloak-of-darkness.twee', 'utf8');
    const r = importTwine(source, { format: 'Chapbook' });
    expect(validateStory(JSON.stringify(r.story)).errors).toEqual([]);
    expect(r.stats).toMatchObject({ sourceNodes: 14, segments: 14, endings: 1 });
    expect(r.story.state).toEqual({ hasCloak: true, outside: false, room: '' });
    // [if hasCloak] / [else] around links became option conditions.
    const hook = r.story.segments['Cloakroom-Hook']!.choice!.options;
    expect(hook.map((o) => [o.next, o.if])).toEqual([
      ['hang-cloak', 'hasCloak'],
      ['Cloak', 'hasCloak'],
      ['pick-up-your-cloak-and-wear-it', '!(hasCloak)'],
      ['Cloakroom', '!(hasCloak)'],
    ]);
    // The cloak page ends in {back link}: not an ending, one option per passage that links to it.
    expect(r.story.segments.Cloak!.end).toBeUndefined();
    expect(r.story.segments.Cloak!.choice!.options.length).toBeGreaterThan(1);
    const report = lines(r).join('\n');
    expect(report).toMatch(/macro Start:4 .*vars section line/); // config.header.center
    expect(report).toMatch(/macro Foyer:31 .*vars section line/); // _previousRoom
    expect(report).toMatch(/\[if _previousRoom === 'Outside'\] around the link to "Cloak" could not be converted/);
    expect(report).toMatch(/\{embed unsplash image\} is not carried over/);
    expect(report).not.toMatch(/rename "The End"/);
  });
});
