import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A running `offshoot serve` child process and what it has said so far. */
export interface ServeProcess {
  child: ChildProcess;
  /** The URL it printed once listening. */
  url: string;
  /** Everything written to stderr so far (logs, errors). */
  readonly stderr: string;
}

/**
 * Run `offshoot serve ARGS` from source in its own process (as a user would) and wait until it
 * prints its URL; rejects with its stderr if it exits first. The caller kills `child`.
 *
 * @example
 * const serve = await spawnServe(['--port', '0', '--stories', dir, '--secret', SECRET]);
 * try { await httpRequest(serve.url, '/healthz'); } finally { serve.child.kill('SIGKILL'); }
 */
export async function spawnServe(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ServeProcess> {
  const script = fileURLToPath(new URL('./runCli.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.setEncoding('utf8').once('data', (c: string) => resolve(c.trim()));
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    });
    return {
      child,
      url,
      get stderr() {
        return stderr;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
