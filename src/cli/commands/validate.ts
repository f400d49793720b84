import { Command } from 'commander';
import type { CliIO } from '../CliIO.js';
import { EXIT_INVALID, EXIT_OK } from '../CliIO.js';
import { formatIssueLine } from '../formatIssueLine.js';
import { readStory } from '../readStory.js';

/**
 * `offshoot validate FILE [--json]`: exit 0 when valid (warnings allowed), 1 when invalid,
 * 2 on usage or I/O errors.
 *
 * @example
 * offshoot validate examples/night-walk.json --json
 */
export function validateCommand(io: CliIO): Command {
  return new Command('validate')
    .description('check a story file; lists each issue as file:line:col code path message')
    .argument('<file>', 'story file (JSON)')
    .option('--json', 'print { valid, errors, warnings } as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const report = await readStory(file, io);
      if (!report) return;
      io.exitCode = report.valid ? EXIT_OK : EXIT_INVALID;
      if (options.json) {
        io.out(
          `${JSON.stringify({ valid: report.valid, errors: report.errors, warnings: report.warnings }, null, 2)}\n`,
        );
        return;
      }
      for (const issue of [...report.errors, ...report.warnings]) io.out(`${formatIssueLine(issue, file)}\n`);
      const counts = `${plural(report.errors.length, 'error')}, ${plural(report.warnings.length, 'warning')}`;
      io.out(report.valid ? `${file}: valid (${counts})\n` : `${file}: invalid (${counts})\n`);
    });
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
