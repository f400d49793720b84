// One backend for a test file: real HTTP on 127.0.0.1 (free port), a temp store, the cave
// stories folder and the ffmpeg test generator. Logs are collected, not printed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signViewerToken, startServer } from '../../../src/server/index.js';
import type { RunningServer, ServerOptions } from '../../../src/server/index.js';
import { makeStoriesDir, SECRET } from './caveStory.js';
import { createFfmpegTestGenerator } from './ffmpegTestGenerator.js';
import type { TestGeneratorOptions } from './ffmpegTestGenerator.js';

export interface TestServer {
  server: RunningServer;
  url: string;
  storeDir: string;
  storiesDir: string;
  logs: string[];
  /** Pids of every ffmpeg the generator started. */
  spawned: number[];
  token(viewer: string, story?: string, ttlSeconds?: number): string;
  stop(): Promise<void>;
}

export async function startTestServer(
  options: Partial<ServerOptions> = {},
  generatorOptions: TestGeneratorOptions = {},
): Promise<TestServer> {
  const root = await mkdtemp(join(tmpdir(), 'offshoot-server-'));
  const storeDir = join(root, 'store');
  const storiesDir = await makeStoriesDir();
  const logs: string[] = [];
  const spawned: number[] = [];
  const generator = createFfmpegTestGenerator({ ...generatorOptions, onSpawn: (pid) => spawned.push(pid) });
  const server = await startServer({
    generator,
    port: 0,
    stories: storiesDir,
    store: storeDir,
    secret: SECRET,
    log: (m) => logs.push(m),
    ...options,
  });
  return {
    server,
    url: server.url,
    storeDir,
    storiesDir,
    logs,
    spawned,
    token: (viewer, story = 'cave', ttlSeconds = 600) =>
      signViewerToken({ sub: viewer, story, exp: Math.floor(Date.now() / 1000) + ttlSeconds }, SECRET),
    async stop() {
      await server.close();
      await rm(root, { recursive: true, force: true });
      await rm(storiesDir, { recursive: true, force: true });
    },
  };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
