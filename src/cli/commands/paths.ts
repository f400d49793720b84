import { dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { enumeratePaths } from '../../core/paths/enumeratePaths.js';
import { sampleInkPaths } from '../../core/paths/sampleInkPaths.js';
import type { InkPathsReport } from '../../core/paths/sampleInkPaths.js';
import type { PathsReport } from '../../core/paths/PathsReport.js';
import type { CliIO } from '../CliIO.js';
import { EXIT_OK } from '../CliIO.js';
import { progressLine } from '../progressLine.js';
import { readTextFile, readValidStory } from '../readStory.js';

const DEFAULT_MAX_DEPTH = 20;

/**
 * `offshoot paths FILE [--json] [--max-depth N]`: every playthrough, how many end where,
 * options never shown, endings never reached. For a story whose `ink` names compiled ink, ink's
 * state space does not close, so it plays `--walks N` seeded random playthroughs with inkjs
 * instead and reports where they ended and which knots they reached (sampleInkPaths). Exit
 * codes as `validate`.
 *
 * @example
 * offshoot paths examples/three-doors.json --max-depth 12 --json
 * offshoot paths intercept.json --walks 500
 */
export function pathsCommand(io: CliIO): Command {
  return new Command('paths')
    .description('enumerate the playthroughs of a story: endings, options never shown, endings never reached')
    .argument('<file>', 'story file (JSON)')
    .option('--json', 'print { playthroughs, endings, neverShown, unreachedEndings, truncated } as JSON')
    .option('--max-depth <n>', 'most choices in one playthrough (cycles are cut there)', parseDepth, DEFAULT_MAX_DEPTH)
    .option('--walks <n>', 'ink stories: random playthroughs to play', parseDepth, 200)
    .option('--seed <n>', 'ink stories: seed of the first playthrough', parseDepth, 1)
    .action(async (file: string, options: { json?: boolean; maxDepth: number; walks: number; seed: number }) => {
      const story = await readValidStory(file, io);
      if (!story) return;
      if (story.ink !== undefined) {
        const inkFile = resolve(dirname(file), story.ink);
        const inkJson = await readTextFile(inkFile, io);
        if (inkJson === undefined) return;
        const report = sampleInkPaths(story, inkJson, {
          walks: options.walks,
          seed: options.seed,
          maxSteps: Math.max(options.maxDepth, 500),
        });
        io.exitCode = EXIT_OK;
        io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : inkSummary(file, report));
        return;
      }
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

function inkSummary(file: string, report: InkPathsReport): string {
  const finished = report.walks - report.cut;
  const reached = report.placesReached.length;
  const all = reached + report.placesNotReached.length;
  const lines = [
    `${file}: ink story, ${report.walks} random playthroughs played by inkjs (seed ${report.seed}): a sample, not every path`,
    `  ${finished} reached an ink ending in ${report.steps.min}–${report.steps.max} choices (median ${report.steps.median}); ${report.cut} were cut at the step bound`,
    `  ${report.statesMet.toLocaleString('en')} distinct ink states met`,
    'endings (knot where the story ended):',
  ];
  const width = Math.max(0, ...Object.keys(report.endings).map((id) => id.length));
  for (const [place, count] of Object.entries(report.endings).sort((a, b) => b[1] - a[1]))
    lines.push(`  ${place.padEnd(width)}  ${count}`);
  lines.push(`knots and stitches where ink waited for a choice: ${reached} of ${all}`);
  lines.push(
    `never reached: ${report.placesNotReached.length ? report.placesNotReached.join(', ') : 'none'} (functions and rarely chosen branches show here; try more --walks)`,
  );
  return `${lines.join('\n')}\n`;
}
