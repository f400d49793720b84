// Starts workerProcess.ts as a separate OS process and follows its log lines.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface WorkerHandle {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first log line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const script = fileURLToPath(new URL('./workerProcess.ts', import.meta.url));

export async function spawnWorker(env: Record<string, string>): Promise<WorkerHandle> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  const onData = (chunk: string): void => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of [...waiters]) wake();
  };
  child.stdout?.setEncoding('utf8').on('data', onData);
  child.stderr?.setEncoding('utf8').on('data', onData);
  const handle: WorkerHandle = {
    child,
    lines,
    waitForLine(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const line = lines.find((l) => pattern.test(l));
          if (!line) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(line);
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`worker ${child.pid} never logged ${pattern}: ${lines.slice(-5).join(' | ')}`));
        }, timeoutMs);
        if (!check()) waiters.add(wake);
      });
    },
    async kill(signal = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
  };
  // Generous: a worker compiles and loads the generators first, slow on a loaded 2-core CI box.
  await handle.waitForLine(/^ready$/, 90_000);
  return handle;
}
