import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { compiledJson, importInk } from '../../import/ink/importInk.js';
import { importTwine } from '../../import/twine/importTwine.js';
import type { ImportResult, ImportWarning } from '../../import/ImportReport.js';
import { ImportError } from '../../import/ImportReport.js';
import { validateStory } from '../../core/validate/validateStory.js';
import type { CliIO } from '../CliIO.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../CliIO.js';
import { formatIssueLine } from '../formatIssueLine.js';
import { progressLine } from '../progressLine.js';
import { readTextFile } from '../readStory.js';

interface ImportOptions {
  output?: string;
  maxNodes?: number;
  maxSeconds?: number;
  runtime?: boolean;
  quiet?: boolean;
}

/**
 * `offshoot import twine FILE` and `offshoot import ink FILE`: converts a Twine 2 story (Twee 3
 * or published HTML) or an ink story (compiled JSON or .ink source) into an Offshoot story,
 * validates it, writes it to `-o FILE` (or stdout) and reports on stderr, one line each, what
 * could not be carried over (`file:line: code "passage": message`). Exit 0 when the story was
 * written and is valid (warnings allowed), 1 when the input is not a story of that kind or the
 * result does not validate, 2 when the file cannot be read or written.
 *
 * @example
 * offshoot import twine story.twee -o story.json
 * offshoot import ink TheIntercept.ink --max-nodes 5000 -o intercept.json
 */
export function importCommand(io: CliIO): Command {
  const command = new Command('import').description(
    'convert a Twine or ink story into an Offshoot story (generate segments)',
  );
  command
    .command('twine')
    .description('import a Twine 2 story: Twee 3 source (.twee, .tw) or published HTML (.html)')
    .argument('<file>', 'Twee 3 or Twine 2 HTML file')
    .option('-o, --output <file>', 'write the story here instead of stdout')
    .option('-q, --quiet', 'print only the summary line, not each warning')
    .option(
      '--format <name>',
      'story format (Chapbook, Harlowe, SugarCube) when the file names none (Twee without StoryData)',
    )
    .action((file: string, options: ImportOptions & { format?: string }) =>
      run(io, file, options, (text) => importTwine(text, { format: options.format })),
    );
  command
    .command('ink')
    .description('import an ink story: compiled JSON (inklecate, inkjs) or .ink source')
    .argument('<file>', 'compiled ink JSON or .ink source')
    .option('-o, --output <file>', 'write the story here instead of stdout')
    .option('-q, --quiet', 'print only the summary line, not each warning')
    .option(
      '--max-nodes <n>',
      'most ink choice points to explore (breadth-first); the rest end the story',
      parseCount,
      3000,
    )
    .option(
      '--max-seconds <n>',
      'most seconds to spend exploring; the states not yet explored end the story',
      parseCount,
      60,
    )
    .option(
      '--runtime',
      'let inkjs drive the story at run time: write the compiled ink beside -o FILE (FILE.ink.json) and name it in the story\'s "ink"; the explored part stays as a static preview',
    )
    .action((file: string, options: ImportOptions) => {
      if (options.runtime && !options.output) {
        io.err('offshoot: --runtime needs -o FILE (the compiled ink is written beside it)\n');
        io.exitCode = EXIT_USAGE;
        return;
      }
      const progress = progressLine(io);
      return run(
        io,
        file,
        options,
        (text) => {
          const readInclude = includeReader(file);
          const result = importInk(text, {
            maxNodes: options.maxNodes,
            maxSeconds: options.maxSeconds,
            readInclude,
            onProgress: (explored, queued) => progress.update({ explored, states: explored + queued }),
          });
          if (options.runtime && options.output) {
            const inkFile = join(
              dirname(options.output),
              `${basename(options.output).replace(/\.json$/i, '')}.ink.json`,
            );
            const compiled = compiledJson(text.replace(/^\uFEFF/, ''), readInclude);
            try {
              writeFileSync(inkFile, compiled);
            } catch (error) {
              throw new ImportError(`cannot write the compiled ink ${inkFile}: ${(error as Error).message}`);
            }
            result.story.ink = basename(inkFile);
          }
          return result;
        },
        () => progress.done(),
      );
    });
  return command;
}

async function run(
  io: CliIO,
  file: string,
  options: ImportOptions,
  convert: (text: string) => ImportResult,
  finish?: () => void,
): Promise<void> {
  const text = await readTextFile(file, io);
  if (text === undefined) return;
  let result: ImportResult;
  const started = performance.now();
  try {
    result = convert(text);
  } catch (error) {
    finish?.();
    if (!(error instanceof ImportError)) throw error;
    io.err(`${file}${error.line !== undefined ? `:${error.line}` : ''}: cannot import: ${error.message}\n`);
    io.exitCode = EXIT_INVALID;
    return;
  }
  finish?.();
  const seconds = (performance.now() - started) / 1000;
  const json = `${JSON.stringify(result.story, null, 2)}\n`;
  const target = options.output ?? '<stdout>';
  const report = validateStory(json, { file: target });
  if (!options.quiet) for (const warning of result.warnings) io.err(`${warningLine(warning, file)}\n`);
  for (const issue of [...report.errors, ...report.warnings])
    if (!options.quiet || report.errors.includes(issue)) io.err(`${formatIssueLine(issue, target)}\n`);
  if (options.output) {
    try {
      await writeFile(options.output, json);
    } catch (error) {
      io.err(`offshoot: cannot write ${options.output}: ${(error as Error).message}\n`);
      io.exitCode = EXIT_USAGE;
      return;
    }
  } else io.out(json);
  const { stats } = result;
  io.err(
    `${file}: ${stats.segments} segments, ${stats.options} options, ${stats.endings} endings, ${stats.variables} variables ` +
      `from ${stats.sourceNodes} ${stats.sourceNodes === 1 ? 'node' : 'nodes'} and ${stats.sourceLinks} links in ${seconds.toFixed(2)} s; ` +
      `${result.warnings.length} import warnings; story ${report.valid ? 'valid' : 'INVALID'} (${report.errors.length} errors, ${report.warnings.length} warnings)${options.output ? ` → ${options.output}` : ''}\n`,
  );
  io.exitCode = report.valid ? EXIT_OK : EXIT_INVALID;
}

/** `file:line: code "passage": message`, the place first so editors and CI logs can link it. */
export function warningLine(warning: ImportWarning, file: string): string {
  const place = warning.line !== undefined ? `${file}:${warning.line}` : file;
  return `${place}: ${warning.code}${warning.passage !== undefined ? ` "${warning.passage}"` : ''}: ${warning.message}`;
}

/**
 * Reads ink `INCLUDE`s as Inky and inklecate do, beside the story file, and refuses a name that
 * leads outside the story's folder (`../secret`, an absolute path, a link out of it).
 */
function includeReader(file: string): (name: string) => string {
  const folder = realpathSync(dirname(resolve(file)));
  return (name) => {
    const inside = (path: string) => {
      const rel = relative(folder, path);
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    };
    const path = resolve(folder, name);
    if (!inside(path)) throw new Error(`refused: outside the story's folder ${folder}`);
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      throw new Error(`no such file beside the story (${path})`);
    }
    if (!inside(real)) throw new Error(`refused: ${path} links outside the story's folder ${folder}`);
    return readFileSync(real, 'utf8');
  };
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}
