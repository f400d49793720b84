// Browser project global setup: a backend of its own for test/server/headFirst.browser.test.ts,
// so the rendition it preempts is never already in the store (the shared e2e backend's store
// fills as other files run, in any order). Real parts: HTTP API, in-process queue with ONE
// render slot in head-first order, the procedural generator on the CPU, ffmpeg, a temp store.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { Rendition } from '../../../src/server/generate/index.js';
import { createProceduralGenerator } from '../../../src/server/generate/index.js';
import { signViewerToken, startServer } from '../../../src/server/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The head-first backend: its URL, a viewer token, and its story id. */
    headFirst: { url: string; token: string; story: string };
  }
}

const SECRET = 'head-first-secret-0123456789abcdef';
/** Same size as the e2e backend: well ahead of real time here, so the test is about order, not speed. */
const RENDITION_180P: Rendition = { name: '180p', width: 320, height: 180, maxrateKbps: 500, level: '3.0' };

/** A choice between a long branch (whose tail gets preempted) and a short urgent one. */
export const HEAD_FIRST_STORY = {
  offshoot: 1,
  id: 'head-first',
  title: 'Head first',
  start: 'intro',
  segments: {
    intro: {
      generate: { prompt: 'a quiet meadow at dawn', seed: 1 },
      duration: 2,
      choice: {
        prompt: 'Which way?',
        at: 0.5,
        default: 'long',
        options: [
          { id: 'long', label: 'The long road', next: 'long' },
          { id: 'urgent', label: 'The short cut', next: 'urgent' },
        ],
      },
    },
    long: { generate: { prompt: 'a fox walks through a forest at dusk', seed: 2 }, duration: 8, end: true },
    urgent: { generate: { prompt: 'a lighthouse over a calm sea at night', seed: 3 }, duration: 3, end: true },
  },
};

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'offshoot-head-first-'));
  await mkdir(join(root, 'stories'));
  await writeFile(join(root, 'stories', 'head-first.json'), JSON.stringify(HEAD_FIRST_STORY));
  const server = await startServer({
    generator: createProceduralGenerator({ renditions: [RENDITION_180P], renderer: 'cpu' }),
    port: 0,
    stories: join(root, 'stories'),
    store: join(root, 'store'),
    secret: SECRET,
    workers: 1,
    order: 'head-first',
    log: () => undefined,
  });
  const token = signViewerToken(
    { sub: 'head-first-viewer', story: '*', exp: Math.floor(Date.now() / 1000) + 3600 },
    SECRET,
  );
  project.provide('headFirst', { url: server.url, token, story: HEAD_FIRST_STORY.id });
  return async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  };
}
