import type { Command } from 'commander';
import type { CliIO } from '../CliIO.js';
import { importCommand } from './importCommand.js';
import { pathsCommand } from './paths.js';
import { serveCommand } from './serve.js';
import { testPathsCommand } from './testPaths.js';
import { tokenCommand } from './token.js';
import { validateCommand } from './validate.js';

/** Makes one subcommand; its action leaves the exit code in `io.exitCode`. */
export type CommandFactory = (io: CliIO) => Command;

/** Every `offshoot` subcommand. To add one: a file in this folder and one line here. */
export const commands: CommandFactory[] = [
  validateCommand,
  pathsCommand,
  serveCommand,
  tokenCommand,
  testPathsCommand,
  importCommand,
];
