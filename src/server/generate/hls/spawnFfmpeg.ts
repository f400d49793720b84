import { spawn } from 'node:child_process';

export interface FfmpegProcess {
  readonly pid: number | undefined;
  /** Write raw bytes to ffmpeg's stdin, waiting for the pipe to drain (backpressure). */
  write(chunk: Buffer): Promise<void>;
  /** Close stdin (if used) and wait for a clean exit; rejects with ffmpeg's last stderr lines otherwise. */
  done(): Promise<void>;
  /** Kill ffmpeg (SIGKILL) and wait until it has exited. */
  kill(): Promise<void>;
}

/**
 * Run ffmpeg with `args`. Frames go in through stdin (`-i pipe:0`) when the caller
 * writes them; stderr is kept (last 4 KiB) for a useful error.
 *
 * @example
 * const ff = spawnFfmpeg(['-f', 'rawvideo', ..., '-i', 'pipe:0', ...]);
 * await ff.write(frame); await ff.done();
 */
export function spawnFfmpeg(args: readonly string[]): FfmpegProcess {
  const child = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4096);
  });
  let pipeError: Error | undefined;
  child.stdin.on('error', (e) => {
    pipeError = e; // EPIPE when ffmpeg died: reported by done() with ffmpeg's own message.
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  let running = true;
  void exited.then(
    () => (running = false),
    () => (running = false),
  );
  const fail = (what: string) =>
    new Error(`ffmpeg ${what}: ${stderr.trim().split('\n').slice(-3).join(' | ') || 'no output'}`);

  return {
    pid: child.pid,
    async write(chunk) {
      if (!running || pipeError) throw fail('stopped taking frames');
      if (!child.stdin.write(chunk)) {
        await new Promise<void>((resolve) => {
          const go = () => {
            child.stdin.off('drain', go);
            child.off('close', go);
            resolve();
          };
          child.stdin.on('drain', go);
          child.once('close', go);
        });
      }
    },
    async done() {
      child.stdin.end();
      const { code, signal } = await exited;
      if (code !== 0) throw fail(signal ? `killed by ${signal}` : `exited with code ${code}`);
    },
    async kill() {
      if (running) child.kill('SIGKILL');
      await exited.catch(() => undefined);
    },
  };
}
