import { readFile } from 'node:fs/promises';
import { validateStory } from '../core/validate/validateStory.js';
import type { ValidationReport } from '../core/validate/ValidationReport.js';
import type { CliIO } from './CliIO.js';
import { EXIT_USAGE } from './CliIO.js';

/**
 * Reads and validates a story file. On an I/O error it says so on stderr, sets exit code 2
 * and returns undefined.
 *
 * @example
 * const report = await readStory('examples/night-walk.json', io);
 * if (report?.valid) use(report.story);
 */
export async function readStory(file: string, io: CliIO): Promise<ValidationReport | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    io.err(`offshoot: cannot read ${file}: ${reason}\n`);
    io.exitCode = EXIT_USAGE;
    return undefined;
  }
  return validateStory(text, { file });
}
