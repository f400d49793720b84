// Browser project global setup: the real generation backend (HTTP API, in-process queue,
// procedural generator, ffmpeg, segment store) in this Node process, for the end-to-end
// tests in test/e2e/ (and a second one, paced to be late, for the late-branch tests). The page reaches it cross-origin (Vite serves the tests on another
// port), which the backend's CORS allows (`Access-Control-Allow-Origin: *`, no cookies).
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { selectEncoder } from '../../src/server/generate/hls/selectEncoder.js';
import type { Generator, Rendition } from '../../src/server/generate/index.js';
import { createProceduralGenerator } from '../../src/server/generate/index.js';
import { signViewerToken, startServer } from '../../src/server/index.js';
import { holdRenders } from './holdRenders.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the backend, e.g. http://127.0.0.1:43211. */
    backendUrl: string;
    /**
     * A second backend, same stories and secret, its own store, whose renders each start
     * LATE_HOLD_MS (1.5 s) after they are asked for: a branch asked for at its boundary is late on any
     * machine (test/e2e's late-branch tests). Its own store: no other test's renders warm it.
     */
    lateBackendUrl: string;
    /** Viewer tokens (any story), one per simulated viewer so rate limits and waiters stay apart. */
    tokens: { first: string; second: string; third: string };
  }
}

/**
 * 320×180: measured here (`npx tsx` over createProceduralGenerator, 4 s clip, load ≈ 9 on
 * 2 cores) at ≈ 2.3× real time against ≈ 1.5× for 640×360, so the backend keeps ahead of a
 * viewer even while chromium (SwiftShader) takes its share of the two cores.
 */
const RENDITION_180P: Rendition = { name: '180p', width: 320, height: 180, maxrateKbps: 500, level: '3.0' };
const SECRET = 'e2e-backend-secret-0123456789abcdef';
/**
 * How long the late backend holds each render before it starts, ms. With lookahead off a
 * branch is asked for when its choice locks, at most 0.5 s before the boundary (the story
 * machine locks windows that end with their segment 0.5 s early), so the picture freezes for
 * at least 1 s: twice test/e2e's HOLD_GAP_MS (a gap that counts as a hold), on any machine,
 * however fast it renders; and well below the 10 s hold bound of ADR 0004.
 */
const LATE_HOLD_MS = 1500;

/**
 * Start the backend with every `examples/generated-*.json` story, provide its URL and
 * viewer tokens; the returned teardown stops it and removes its store.
 *
 * @example
 * // vitest.config.ts, browser project: globalSetup: ['test/support/backendGlobalSetup.ts']
 * // in a test: const url = inject('backendUrl');
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'offshoot-e2e-'));
  const stories = join(root, 'stories');
  await mkdir(stories);
  for (const name of await readdir('examples')) {
    if (/^generated-.*\.json$/.test(name)) await copyFile(join('examples', name), join(stories, name));
  }
  // Probe the encoder now, not inside the first render the first test waits for.
  await selectEncoder();
  const verbose = process.env.OFFSHOOT_E2E_LOG === '1';
  // The CPU path on every host: these tests are about playback, and a probe would launch chromium beside them.
  const generator = createProceduralGenerator({ renditions: [RENDITION_180P], renderer: 'cpu' });
  const start = (name: string, options: { generator: Generator }) =>
    startServer({
      ...options,
      port: 0,
      stories,
      store: join(root, name),
      secret: SECRET,
      workers: 1,
      log: (message) => {
        if (verbose) console.log(`[${name}] ${message}`);
      },
    });
  const server = await start('store', { generator });
  const late = await start('late-store', { generator: holdRenders(generator, LATE_HOLD_MS) });
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const token = (sub: string) => signViewerToken({ sub, story: '*', exp }, SECRET);
  project.provide('backendUrl', server.url);
  project.provide('lateBackendUrl', late.url);
  project.provide('tokens', {
    first: token('e2e-viewer-1'),
    second: token('e2e-viewer-2'),
    third: token('e2e-viewer-3'),
  });
  return async () => {
    await Promise.all([server.close(), late.close()]);
    await rm(root, { recursive: true, force: true });
  };
}
