// The real command: bin/offshoot.mjs running the rollup-built dist/node/cli.mjs.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './buildCli.js';

const run = promisify(execFile);

async function offshoot(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/offshoot.mjs', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('bin/offshoot.mjs (built)', () => {
  beforeAll(buildCli, 300_000);

  it('paths --json on an example: exit 0 and the report', { timeout: 60_000 }, async () => {
    const { code, stdout } = await offshoot('paths', 'examples/night-walk.json', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      playthroughs: 3,
      endings: { home: 1, lost: 2 },
      neverShown: [],
      unreachedEndings: [],
      truncated: false,
    });
  });

  it('validate: exit 0 on the examples, 1 on an invalid story, 2 on a usage error', { timeout: 60_000 }, async () => {
    expect((await offshoot('validate', 'examples/three-doors.json')).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'offshoot-bin-'));
    writeFileSync(join(dir, 'bad.json'), '{ "offshoot": 1, "id": "x" ');
    const bad = await offshoot('validate', join(dir, 'bad.json'), '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ valid: false, errors: [{ code: 'parse-error' }] });
    const usage = await offshoot('frobnicate');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/unknown command 'frobnicate'/);
  });
});
