import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'offshoot-cli-'));
const invalid = join(dir, 'bad.json');
const story = JSON.parse(readFileSync('examples/night-walk.json', 'utf8'));
story.segments.lantern.next = 'nowhere';
writeFileSync(invalid, JSON.stringify(story, null, 2));

describe('offshoot validate', () => {
  it('exits 0 on a valid story and lists warnings as file:line:col code path message', async () => {
    const { code, stdout } = await runCli(['validate', 'examples/night-walk.json']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^examples\/night-walk\.json:\d+:\d+ hidden-default \/segments\/forest\/choice\/default \S/m,
    );
    expect(stdout).toMatch(/valid \(0 errors, 1 warning\)/);
  });

  it('exits 1 on an invalid story, naming the place of each error', async () => {
    const { code, stdout } = await runCli(['validate', invalid]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${invalid}:`);
    expect(stdout).toMatch(/:\d+:\d+ unknown-segment \/segments\/lantern\/next .*nowhere/);
  });

  it('--json prints exactly { valid, errors, warnings }', async () => {
    const good = await runCli(['validate', 'examples/three-doors.json', '--json']);
    expect(good.code).toBe(0);
    const report = JSON.parse(good.stdout);
    expect(Object.keys(report)).toEqual(['valid', 'errors', 'warnings']);
    expect(report).toMatchObject({ valid: true, errors: [] });
    const bad = await runCli(['validate', invalid, '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      valid: false,
      errors: [{ code: 'unknown-segment', path: '/segments/lantern/next' }],
    });
  });

  it('exits 2 when the file cannot be read', async () => {
    const { code, stderr, stdout } = await runCli(['validate', join(dir, 'missing.json')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot read .*missing\.json: no such file/);
    expect(stdout).toBe('');
  });
});

describe('offshoot paths', () => {
  it('--json prints exactly { playthroughs, endings, neverShown, unreachedEndings, truncated }', async () => {
    const { code, stdout } = await runCli(['paths', 'examples/night-walk.json', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toStrictEqual({
      playthroughs: 3,
      endings: { home: 1, lost: 2 },
      neverShown: [],
      unreachedEndings: [],
      truncated: false,
    });
  });

  it('honours --max-depth and reports truncation', async () => {
    const { code, stdout } = await runCli(['paths', 'examples/three-doors.json', '--json', '--max-depth', '6']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      playthroughs: 8,
      truncated: true,
      neverShown: ['vault:open'],
      unreachedEndings: ['rich'],
    });
  });

  it('prints a readable summary', async () => {
    const { code, stdout, stderr } = await runCli(['paths', 'examples/three-doors.json', '--max-depth', '6']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/8 playthroughs of at most 6 choices/);
    expect(stdout).toMatch(/counts are lower bounds/);
    expect(stdout).toMatch(/^ {2}peace +2$/m);
    expect(stdout).toMatch(/options never shown: vault:open/);
    expect(stdout).toMatch(/endings never reached: rich/);
    expect(stderr).toBe('');
  });

  it('exits 1 on an invalid story, with the errors on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['paths', invalid, '--json']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/unknown-segment \/segments\/lantern\/next/);
  });
});

describe('usage errors', () => {
  it('exit 2 for no command, an unknown command, a missing file argument, a bad --max-depth', async () => {
    for (const argv of [
      [],
      ['frobnicate'],
      ['validate'],
      ['paths', 'examples/night-walk.json', '--max-depth', '0'],
      ['validate', 'x.json', '--nope'],
    ]) {
      const { code, stderr } = await runCli(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr, argv.join(' ')).not.toBe('');
    }
  });

  it('exit 0 for --help, listing the commands', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/validate \[options\] <file>/);
    expect(stdout).toMatch(/paths \[options\] <file>/);
  });
});
