// Browser project global setup: a backend whose store is an S3 bucket on a real s3rver, for
// test/server/s3Growing.browser.test.ts (the player plays a rendition while it is still being
// rendered into the bucket). Real parts: s3rver, the S3 store as `--store s3://…` opens it
// (openS3Store), the HTTP API, the in-process queue, the procedural generator on the CPU,
// ffmpeg. The render is paced to real time (a fragment is not published before its media time
// has passed since the render began): a stand-in for a generator that renders at about 1×, so
// the rendition is still growing while the player plays it, however fast this machine is.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { Rendition } from '../../../src/server/generate/index.js';
import { createProceduralGenerator } from '../../../src/server/generate/index.js';
import { signViewerToken, startServer } from '../../../src/server/index.js';
import { openS3Store } from '../../../src/server/store/s3/openS3Store.js';
import { pacedToRealTime } from './pacedToRealTime.js';
import { startS3rver } from './startS3rver.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The S3-store backend: its URL, a viewer token, the story id and the segment's seconds. */
    s3Backend: { url: string; token: string; story: string; seconds: number };
  }
}

const SECRET = 's3-growing-secret-0123456789abcdef';
const RENDITION_180P: Rendition = { name: '180p', width: 320, height: 180, maxrateKbps: 500, level: '3.0' };
const SECONDS = 8;

export const S3_GROWING_STORY = {
  offshoot: 1,
  id: 's3-growing',
  title: 'Growing in a bucket',
  start: 'intro',
  segments: {
    intro: { generate: { prompt: 'a paper boat on a river at dawn', seed: 11 }, duration: SECONDS, end: true },
  },
};

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'offshoot-s3-growing-'));
  await mkdir(join(root, 'stories'));
  await writeFile(join(root, 'stories', 's3-growing.json'), JSON.stringify(S3_GROWING_STORY));
  const s3 = await startS3rver('offshoot-growing');
  const server = await startServer({
    generator: pacedToRealTime(createProceduralGenerator({ renditions: [RENDITION_180P], renderer: 'cpu' })),
    port: 0,
    stories: join(root, 'stories'),
    store: await openS3Store(`s3://${s3.bucket}/growing`, s3.env),
    secret: SECRET,
    workers: 1,
    log: () => undefined,
  });
  const token = signViewerToken({ sub: 's3-viewer', story: '*', exp: Math.floor(Date.now() / 1000) + 3600 }, SECRET);
  project.provide('s3Backend', { url: server.url, token, story: S3_GROWING_STORY.id, seconds: SECONDS });
  return async () => {
    await server.close();
    await s3.stop();
    await rm(root, { recursive: true, force: true });
  };
}
