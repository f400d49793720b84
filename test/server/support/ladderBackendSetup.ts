// Browser project global setup: a backend that renders every generated segment as a LADDER
// (180p and 360p, as `offshoot serve --renditions` makes one: one ffmpeg for both, aligned
// fragments, one master playlist), for test/server/ladderGrowing.browser.test.ts (the player
// switches rendition inside a segment while its playlists still grow). Real parts: the HTTP
// API, the in-process queue, the procedural generator on the CPU, ffmpeg, a temp store. The
// render is paced to real time (pacedToRealTime), so each segment grows for 12 s however fast
// this machine is. 180p + 360p rather than the flag's 360p + 720p: measured here at 4.6× real
// time against 1.9× (8 s rendered in 1.7 s and 4.1 s, idle), so the render keeps ahead of the
// viewer while chromium decodes beside it on two cores.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { Rendition } from '../../../src/server/generate/index.js';
import { createProceduralGenerator, RENDITION_360P } from '../../../src/server/generate/index.js';
import { signViewerToken, startServer } from '../../../src/server/index.js';
import { pacedToRealTime } from './pacedToRealTime.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The ladder backend: its URL, a viewer token, and two one-segment stories (one per run). */
    ladderBackend: { url: string; token: string; stories: string[]; seconds: number };
  }
}

const SECRET = 'ladder-growing-secret-0123456789abcdef';
const RENDITION_180P: Rendition = { name: '180p', width: 320, height: 180, maxrateKbps: 500, level: '3.0' };
const SECONDS = 12;

/** One story per run: different seeds, so neither run finds the other's render in the store. */
const story = (id: string, seed: number) => ({
  offshoot: 1,
  id,
  title: `Ladder growing (${id})`,
  start: 'intro',
  segments: { intro: { generate: { prompt: 'a red kite over green hills', seed }, duration: SECONDS, end: true } },
});
const STORIES = [story('ladder-growing-abr', 21), story('ladder-growing-baseline', 22)];

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'offshoot-ladder-growing-'));
  await mkdir(join(root, 'stories'));
  for (const s of STORIES) await writeFile(join(root, 'stories', `${s.id}.json`), JSON.stringify(s));
  const server = await startServer({
    generator: pacedToRealTime(
      createProceduralGenerator({ renditions: [RENDITION_180P, RENDITION_360P], renderer: 'cpu' }),
    ),
    port: 0,
    stories: join(root, 'stories'),
    store: join(root, 'store'),
    secret: SECRET,
    workers: 1,
    log: () => undefined,
  });
  const token = signViewerToken(
    { sub: 'ladder-viewer', story: '*', exp: Math.floor(Date.now() / 1000) + 3600 },
    SECRET,
  );
  project.provide('ladderBackend', { url: server.url, token, stories: STORIES.map((s) => s.id), seconds: SECONDS });
  return async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  };
}
