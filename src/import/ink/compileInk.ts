import { Compiler } from 'inkjs/full';
import { ImportError } from '../ImportReport.js';

/**
 * Compiles ink source (`.ink`) to the JSON that inklecate would write, with inkjs's compiler.
 * Throws ImportError naming the first error and its line.
 *
 * @example
 * const json = compileInk('Hello.\n* [Go] -> END');
 */
export function compileInk(source: string): string {
  const compiler = new Compiler(source);
  let story;
  try {
    story = compiler.Compile();
  } catch (error) {
    // inkjs throws after collecting errors; the collected ones say where.
    if (!compiler.errors.length)
      throw new ImportError(`ink compiler failed: ${error instanceof Error ? error.message : String(error)}`);
  }
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
