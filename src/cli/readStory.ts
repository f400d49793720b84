import { readFile } from 'node:fs/promises';
import type { Story } from '../core/story/Story.js';
import { validateStory } from '../core/validate/validateStory.js';
import type { ValidationReport } from '../core/validate/ValidationReport.js';
import type { CliIO } from './CliIO.js';
import { EXIT_INVALID, EXIT_USAGE } from './CliIO.js';
import { formatIssueLine } from './formatIssueLine.js';

/**
 * Reads a text file. On an I/O error it says so on stderr, sets exit code 2 and returns
 * undefined.
 *
 * @example
 * const text = await readTextFile('story.twee', io);
 * if (text === undefined) return;
 */
export async function readTextFile(file: string, io: CliIO): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    io.err(`offshoot: cannot read ${file}: ${reason}\n`);
    io.exitCode = EXIT_USAGE;
    return undefined;
  }
}

/**
 * Reads and validates a story file. On an I/O error it says so on stderr, sets exit code 2
 * and returns undefined.
 *
 * @example
 * const report = await readStory('examples/night-walk.json', io);
 * if (report?.valid) use(report.story);
 */
export async function readStory(file: string, io: CliIO): Promise<ValidationReport | undefined> {
  const text = await readTextFile(file, io);
  return text === undefined ? undefined : validateStory(text, { file });
}

/**
 * For commands that need a valid story: reads it, or prints its errors and where to learn
 * more, sets exit code 1 (2 on an I/O error) and returns undefined.
 *
 * @example
 * const story = await readValidStory('examples/night-walk.json', io);
 * if (!story) return;
 */
export async function readValidStory(file: string, io: CliIO): Promise<Story | undefined> {
  const report = await readStory(file, io);
  if (!report) return undefined;
  if (report.valid && report.story) return report.story;
  for (const issue of report.errors) io.err(`${formatIssueLine(issue, file)}\n`);
  io.err(`${file}: invalid story; run \`offshoot validate ${file}\` for details\n`);
  io.exitCode = EXIT_INVALID;
  return undefined;
}
