import { Command, CommanderError } from 'commander';
import type { CliIO } from './CliIO.js';
import { EXIT_OK, EXIT_USAGE, processIO } from './CliIO.js';
import { commands } from './commands/index.js';

/**
 * Runs the `offshoot` command with `argv` (without node and script) and resolves to the
 * exit code: 0 ok, 1 invalid story, 2 usage or I/O error. Commander never exits the
 * process (exitOverride); its usage errors become 2, help and version 0.
 *
 * @example
 * process.exitCode = await main(['validate', 'examples/night-walk.json']);
 */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const program = new Command('offshoot')
    .description('Offshoot story tools')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)');
  for (const make of commands) program.addCommand(make(io).copyInheritedSettings(program));
  if (argv.length === 0) {
    io.err(program.helpInformation());
    return EXIT_USAGE;
  }
  io.exitCode = EXIT_OK;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) {
      io.err(`offshoot: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT_USAGE;
    }
    const benign =
      error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0;
    return benign ? EXIT_OK : EXIT_USAGE;
  }
  return io.exitCode;
}
