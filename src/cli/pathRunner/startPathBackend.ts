import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Story } from '../../core/story/Story.js';
import { signViewerToken } from '../../server/auth/ViewerToken.js';
import { createProceduralGenerator } from '../../server/generate/procedural/createProceduralGenerator.js';
import { startServer } from '../../server/startServer.js';

/** A generation backend the paths play against, and a token per path (each path is its own viewer). */
export interface PathBackend {
  baseUrl: string;
  tokenFor(pathIndex: number): string | undefined;
  close(): Promise<void>;
}

/** Generous: every path is one viewer, and a path asks for a few segments at most. */
const RATE_LIMIT = { burst: 100, perSecond: 50 };

/**
 * Starts the embedded backend in this process, as `offshoot serve` would: the procedural
 * generator (chromium on a GPU host, Skia on the CPU otherwise), the in-process queue, a
 * segment store in a temporary folder (removed on close), and this story as its only story.
 * Renders are content-addressed, so paths that share a segment render it once.
 *
 * @example
 * const backend = await startPathBackend(story, 'examples/generated-lantern.json');
 * player options: { generation: { baseUrl: backend.baseUrl, token: backend.tokenFor(1) } }
 * await backend.close();
 */
export async function startPathBackend(
  story: Story,
  file: string,
  log: (message: string) => void,
): Promise<PathBackend> {
  const generator = createProceduralGenerator({ log });
  const store = await mkdtemp(join(tmpdir(), 'offshoot-test-paths-'));
  try {
    await generator.ready();
    const secret = randomBytes(24).toString('base64url');
    const server = await startServer({
      generator,
      port: 0,
      stories: [{ story, file: resolve(file), dir: dirname(resolve(file)) }],
      store,
      secret,
      rateLimit: RATE_LIMIT,
      log,
    });
    const exp = Math.floor(Date.now() / 1000) + 24 * 3600;
    return {
      baseUrl: server.url,
      tokenFor: (pathIndex) => signViewerToken({ sub: `test-paths-${pathIndex}`, story: story.id, exp }, secret),
      async close() {
        await server.close();
        await generator.close();
        await rm(store, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await generator.close();
    await rm(store, { recursive: true, force: true });
    throw error;
  }
}
