import { Compiler, CompilerOptions } from 'inkjs/full';
import { ImportError } from '../ImportReport.js';

/**
 * Reads the text of a file named by an ink `INCLUDE`. The importer is pure (no file access):
 * the caller decides where names resolve and which folders may be read (the CLI resolves them
 * beside the story file and refuses anything outside that folder). Throw to refuse; the
 * message is reported with the include's name.
 */
export type InkIncludeReader = (name: string) => string;

/**
 * Compiles ink source (`.ink`) to the JSON that inklecate would write, with inkjs's compiler.
 * `INCLUDE`d files are read with `readInclude`; without one, an include is an ImportError that
 * names it. Throws ImportError naming the first error and its line.
 *
 * @example
 * const json = compileInk('Hello.\n* [Go] -> END');
 * const withIncludes = compileInk(main, (name) => readFileSync(join(folder, name), 'utf8'));
 */
export function compileInk(source: string, readInclude?: InkIncludeReader): string {
  let refused: ImportError | undefined;
  const fileHandler = {
    ResolveInkFilename: (name: string) => name,
    LoadInkFileContents: (name: string) => {
      if (!readInclude) {
        refused = new ImportError(
          `INCLUDE ${name}: includes are read only from a file (give the story as a file path)`,
        );
        throw refused;
      }
      try {
        return readInclude(name).replace(/^\uFEFF/, '');
      } catch (error) {
        refused = new ImportError(`INCLUDE ${name}: ${error instanceof Error ? error.message : String(error)}`);
        throw refused;
      }
    },
  };
  const compiler = new Compiler(source, new CompilerOptions(null, [], false, null, fileHandler));
  let story;
  try {
    story = compiler.Compile();
  } catch (error) {
    if (refused) throw refused;
    // inkjs throws after collecting errors; the collected ones say where.
    if (!compiler.errors.length)
      throw new ImportError(`ink compiler failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (refused) throw refused;
  const first = compiler.errors[0];
  if (first || !story) {
    const line = first ? /line (\d+)/.exec(first)?.[1] : undefined;
    throw new ImportError(
      `ink does not compile: ${first ?? 'unknown error'}${compiler.errors.length > 1 ? ` (and ${compiler.errors.length - 1} more)` : ''}`,
      line ? Number(line) : undefined,
    );
  }
  return story.ToJson() ?? '';
}
