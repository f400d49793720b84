import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateStory } from '../../src/core/validate/validateStory.js';
import { runCli } from '../cli/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'offshoot-import-'));
const DUNGEON = 'test/fixtures/third-party/cookbook-dungeon-sugarcube/dungeon.twee';
const SPACE = 'test/fixtures/third-party/cookbook-space-harlowe/space-exploration.html';
const INTERCEPT = 'test/fixtures/third-party/the-intercept/TheIntercept.ink';

describe('offshoot import', () => {
  it('twine FILE -o OUT writes a valid story, reports each warning as file:line: code "passage": message, exits 0', async () => {
    const out = join(dir, 'dungeon.json');
    const { code, stdout, stderr } = await runCli(['import', 'twine', DUNGEON, '-o', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(validateStory(readFileSync(out, 'utf8')).valid).toBe(true);
    expect(stderr).toContain(`${DUNGEON}:47: mapped "East": <<set $positionX += 1>>`);
    expect(stderr).toMatch(new RegExp(`${DUNGEON}:\\d+: macro "Location": .*<<for>>`));
    expect(stderr).toMatch(/7 segments, \d+ options, \d+ endings, 2 variables from 7 nodes .* story valid \(0 errors/);
  });

  it('twine without -o prints the story JSON on stdout; --quiet keeps only the summary on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['import', 'twine', SPACE, '--quiet']);
    expect(code).toBe(0);
    const story = JSON.parse(stdout);
    expect(story).toMatchObject({ offshoot: 1, title: 'Space Exploration in Harlowe', start: 'Start' });
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('ink FILE.ink --max-nodes N imports The Intercept and says where it stopped', async () => {
    const out = join(dir, 'intercept.json');
    const { code, stderr } = await runCli(['import', 'ink', INTERCEPT, '--max-nodes', '40', '-o', out]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/truncated: exploration stopped after 40 choice points/);
    expect(validateStory(readFileSync(out, 'utf8')).valid).toBe(true);
  }, 60_000);

  it('ink resolves INCLUDE beside the file and refuses one outside its folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'offshoot-include-'));
    mkdirSync(join(folder, 'story'));
    writeFileSync(join(folder, 'story', 'main.ink'), 'INCLUDE parts/cave.ink\nOutside.\n* [In] -> cave\n');
    mkdirSync(join(folder, 'story', 'parts'));
    writeFileSync(join(folder, 'story', 'parts', 'cave.ink'), '=== cave ===\nA cave.\n* [Leave] -> END\n');
    const ok = await runCli(['import', 'ink', join(folder, 'story', 'main.ink'), '-q']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('A cave.');

    writeFileSync(join(folder, 'secret.ink'), '=== cave ===\nSecret.\n-> END\n');
    writeFileSync(join(folder, 'story', 'escape.ink'), 'INCLUDE ../secret.ink\nOutside.\n-> cave\n');
    const out = await runCli(['import', 'ink', join(folder, 'story', 'escape.ink')]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(
      /escape\.ink: cannot import: INCLUDE \.\.\/secret\.ink: refused: outside the story's folder/,
    );
    expect(out.stdout).not.toContain('Secret');
  });

  it('ink --runtime writes the compiled ink beside the story and names it; paths then samples playthroughs with inkjs', async () => {
    const out = join(dir, 'intercept-runtime.json');
    const imported = await runCli(['import', 'ink', INTERCEPT, '--runtime', '--max-nodes', '20', '-o', out, '-q']);
    expect(imported.code).toBe(0);
    const story = JSON.parse(readFileSync(out, 'utf8'));
    expect(story.ink).toBe('intercept-runtime.ink.json');
    expect(JSON.parse(readFileSync(join(dir, story.ink), 'utf8'))).toHaveProperty('inkVersion');
    expect(validateStory(readFileSync(out, 'utf8')).valid).toBe(true);

    const paths = await runCli(['paths', out, '--walks', '20', '--json']);
    expect(paths.code).toBe(0);
    const report = JSON.parse(paths.stdout);
    expect(report.walks).toBe(20);
    // Every walk ends at a real ink ending (none cut), in a knot of the story.
    expect(report.cut).toBe(0);
    expect(Object.values(report.endings).reduce((a: number, b) => a + (b as number), 0)).toBe(20);
    for (const place of Object.keys(report.endings))
      expect(readFileSync(INTERCEPT, 'utf8')).toContain(`=== ${place.split('.')[0]}`);
    expect(report.placesReached).toContain('start');
    const text = await runCli(['paths', out, '--walks', '20']);
    expect(text.stdout).toMatch(
      /ink story, 20 random playthroughs played by inkjs \(seed 1\): a sample, not every path/,
    );

    const noOutput = await runCli(['import', 'ink', INTERCEPT, '--runtime']);
    expect(noOutput.code).toBe(2);
    expect(noOutput.stderr).toMatch(/--runtime needs -o FILE/);
  }, 120_000);

  it('exits 2 when the file cannot be read, 1 with the file (and line) named when it is not a story of that kind', async () => {
    const missing = await runCli(['import', 'twine', join(dir, 'missing.twee')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*missing\.twee: no such file/);

    const notTwine = join(dir, 'notes.txt');
    writeFileSync(notTwine, 'just some notes\n');
    const a = await runCli(['import', 'twine', notTwine]);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain(`${notTwine}: cannot import: neither Twee 3`);
    expect(a.stdout).toBe('');

    const badTwee = join(dir, 'bad.twee');
    writeFileSync(badTwee, ':: Start\nHi [[Next]]\n\n:: [tag]\nNo name\n');
    const b = await runCli(['import', 'twine', badTwee]);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain(`${badTwee}:4: cannot import: passage header without a name`);

    const badInk = join(dir, 'bad.ink');
    writeFileSync(badInk, 'Hello.\n* [Go] -> nowhere\n');
    const c = await runCli(['import', 'ink', badInk]);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(new RegExp(`${badInk}:2: cannot import: ink does not compile: .*nowhere`));

    const usage = await runCli(['import', 'ink', INTERCEPT, '--max-nodes', '0']);
    expect(usage.code).toBe(2);
  });
});
