import { execFile } from 'node:child_process';

/** The environment without the npm_* variables of the `npm test` that runs us (a nested npm would inherit its settings). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
}

/**
 * Runs a command in `cwd` and resolves with its stdout; rejects with its output when it
 * exits non-zero, so a failed install, type-check or build shows why.
 *
 * @example
 * await runCommand('npm', ['pack', '--pack-destination', dir], { cwd: 'packages/server' });
 */
export function runCommand(command: string, args: string[], options: { cwd: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${command} ${args.join(' ')} (in ${options.cwd}) failed:\n${stdout}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}
