import { Command, InvalidArgumentError } from 'commander';
import { enumeratePaths } from '../../core/paths/enumeratePaths.js';
import type { PathsReport } from '../../core/paths/PathsReport.js';
import type { CliIO } from '../CliIO.js';
import { EXIT_OK } from '../CliIO.js';
import { progressLine } from '../progressLine.js';
import { readValidStory } from '../readStory.js';

const DEFAULT_MAX_DEPTH = 20;

/**
 * `offshoot paths FILE [--json] [--max-depth N]`: every playthrough, how many end where,
 * options never shown, endings never reached. Exit codes as `validate`.
 *
 * @example
 * offshoot paths examples/three-doors.json --max-depth 12 --json
 */
export function pathsCommand(io: CliIO): Command {
  return new Command('paths')
    .description('enumerate the playthroughs of a story: endings, options never shown, endings never reached')
    .argument('<file>', 'story file (JSON)')
    .option('--json', 'print { playthroughs, endings, neverShown, unreachedEndings, truncated } as JSON')
    .option('--max-depth <n>', 'most choices in one playthrough (cycles are cut there)', parseDepth, DEFAULT_MAX_DEPTH)
    .action(async (file: string, options: { json?: boolean; maxDepth: number }) => {
      const story = await readValidStory(file, io);
      if (!story) return;
      const progress = progressLine(io);
      const paths = enumeratePaths(story, { maxDepth: options.maxDepth, onProgress: progress.update });
      progress.done();
      io.exitCode = EXIT_OK;
      const { playthroughs, endings, neverShown, unreachedEndings, truncated } = paths;
      io.out(
        options.json
          ? `${JSON.stringify({ playthroughs, endings, neverShown, unreachedEndings, truncated }, null, 2)}\n`
          : summary(file, paths, options.maxDepth),
      );
    });
}

function parseDepth(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

function summary(file: string, paths: PathsReport, maxDepth: number): string {
  const lines = [
    `${file}: ${paths.playthroughs.toLocaleString('en')} playthrough${paths.playthroughs === 1 ? '' : 's'} of at most ${maxDepth} choices`,
  ];
  if (paths.truncated)
    lines.push(
      `  (some branches go deeper than ${maxDepth} choices, or loop: they were cut, so counts are lower bounds)`,
    );
  lines.push('endings:');
  const width = Math.max(0, ...Object.keys(paths.endings).map((id) => id.length));
  for (const [id, count] of Object.entries(paths.endings))
    lines.push(`  ${id.padEnd(width)}  ${count.toLocaleString('en')}`);
  lines.push(`options never shown: ${paths.neverShown.length ? paths.neverShown.join(', ') : 'none'}`);
  lines.push(`endings never reached: ${paths.unreachedEndings.length ? paths.unreachedEndings.join(', ') : 'none'}`);
  return `${lines.join('\n')}\n`;
}
