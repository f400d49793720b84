/**
 * Where a command writes, and the exit code it leaves. Commands never touch `process`
 * directly, so tests run `main()` in-process with a recording CliIO.
 *
 * @example
 * const io = processIO();
 * io.out('done\n');
 */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Progress lines only make sense on a terminal. */
  errIsTTY: boolean;
  exitCode: number;
}

/** Exit codes: 0 ok (warnings allowed), 1 the story is invalid, 2 usage or I/O error. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** The CliIO of this process: stdout, stderr. */
export function processIO(): CliIO {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    errIsTTY: process.stderr.isTTY === true,
    exitCode: EXIT_OK,
  };
}
