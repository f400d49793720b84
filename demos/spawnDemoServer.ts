// Starts demos/serve.ts as its own process (as `npm run demo` does) and waits for the URL
// it prints: used by test/demos and by demos/playThrough.ts.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

export interface DemoServer {
  /** The developer page, e.g. http://localhost:40123/ */
  url: string;
  /** The mock streaming-site page. */
  watchUrl: string;
  backendUrl: string;
  /** Spawn → URL printed, ms. */
  msToUrl: number;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

/**
 * Spawn the demo server on a free port (PORT=0) and resolve once it prints its URL.
 * Rejects with the server's output when it exits first or `timeoutMs` passes.
 *
 * @example
 * const demo = await spawnDemoServer();
 * await fetch(`${demo.url}examples/lighthouse-road.json`);
 * await demo.stop();
 */
export function spawnDemoServer(
  options: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<DemoServer> {
  const started = performance.now();
  // tsx directly, not npx: one process less, and its pid is the server's.
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'demos', 'serve.ts')],
    {
      cwd: root,
      env: { ...process.env, PORT: '0', BACKEND_PORT: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise<DemoServer>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`spawnDemoServer: no URL after ${options.timeoutMs ?? 180_000} ms; output:\n${text}`));
    }, options.timeoutMs ?? 180_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /Offshoot demo: (http:\/\/\S+\/)\s+\(generation backend (\S+);/.exec(text);
      const watch = /streaming-site mock: (http:\/\/\S+)/.exec(text);
      if (!match?.[1] || !match[2] || !watch?.[1]) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stdout.on('data', (more: Buffer) => (text += more.toString()));
      resolvePromise({
        url: match[1],
        watchUrl: watch[1],
        backendUrl: match[2],
        msToUrl: Math.round(performance.now() - started),
        output: () => text,
        stop,
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `spawnDemoServer: demos/serve.ts exited (${signal ?? `code ${code}`}) before printing its URL; output:\n${text}`,
        ),
      );
    });
  });
}
