import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/CliIO.js';
import { progressLine } from '../../src/cli/progressLine.js';

function io(errIsTTY: boolean): CliIO & { written: string[] } {
  const written: string[] = [];
  return { written, out: () => {}, err: (t) => void written.push(t), errIsTTY, exitCode: 0 };
}

describe('progressLine', () => {
  it('stays quiet for the first second, then redraws one line on a terminal and clears it at the end', () => {
    let now = 0;
    const tty = io(true);
    const progress = progressLine(tty, () => now);
    now = 900;
    progress.update({ explored: 10_000, states: 50 });
    expect(tty.written).toEqual([]);
    now = 1200;
    progress.update({ explored: 20_000, states: 90 });
    now = 1300; // within the redraw interval
    progress.update({ explored: 30_000, states: 90 });
    expect(tty.written).toHaveLength(1);
    expect(tty.written[0]).toMatch(/^\r.*exploring paths: 20,000 states, 1\.2 s$/);
    progress.done();
    expect(tty.written.at(-1)).toBe('\r\u001b[2K');
  });

  it('writes nothing when stderr is not a terminal', () => {
    let now = 0;
    const pipe = io(false);
    const progress = progressLine(pipe, () => now);
    now = 5000;
    progress.update({ explored: 1, states: 1 });
    progress.done();
    expect(pipe.written).toEqual([]);
  });
});
