// A story URL as docs/generation-api.md gives it: a page on one origin (localhost) plays
// a story from the backend's story route on another (127.0.0.1), GET /api/v1/stories/:id.
// Its relative media must resolve against the story's Content-Location (…/:id/story.json,
// exposed to the page through CORS), not against the request URL (which would ask for
// /api/v1/stories/media/… and 404). Real backend (startServer), real chromium, real HLS.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { startStaticServer } from '../../bench/support/staticServer.js';
import type { StaticServer } from '../../bench/support/staticServer.js';
import { startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { createFfmpegTestGenerator } from '../server/support/ffmpegTestGenerator.js';

const ROOT = resolve(import.meta.dirname, '../..');
const MEDIA = ['intro', 'lantern', 'dark', 'forest', 'home', 'lost'];
const PAGE = `<!doctype html><meta charset="utf-8"><div id="stage" style="width:640px;aspect-ratio:16/9"></div>
<script type="module" src="/page.js"></script>`;
// Logs the player's events for the test; `story` comes from the query string.
const SCRIPT = `import { createPlayer } from '/dist/offshoot.bundle.mjs';
const log = (type, payload) => window.offshootLog.push({ type, payload });
window.offshootLog = [];
createPlayer(document.getElementById('stage'), {
  story: new URLSearchParams(location.search).get('story'),
  autoplay: true,
  muted: true,
  on: { segmentstart: (p) => log('segmentstart', p), error: (p) => log('error', p), ended: (p) => log('ended', p) },
}).catch((e) => log('rejected', String(e)));`;

let stories: string;
let backend: RunningServer;
let site: StaticServer;
let browser: Browser;

beforeAll(async () => {
  for (const file of ['dist/offshoot.bundle.mjs', 'test/media/intro'])
    if (!existsSync(join(ROOT, file)))
      throw new Error(`${file} is missing: run \`npm run build\` and \`npm run media\``);
  // The story route serves media only from the story file's own folder (no symlinks out).
  stories = await mkdtemp(join(tmpdir(), 'offshoot-story-route-'));
  cpSync(join(ROOT, 'examples/night-walk.json'), join(stories, 'night-walk.json'));
  for (const name of MEDIA) {
    mkdirSync(join(stories, 'media', name), { recursive: true });
    cpSync(join(ROOT, 'test/media', name), join(stories, 'media', name), { recursive: true });
  }
  backend = await startServer({
    generator: createFfmpegTestGenerator(),
    port: 0,
    host: '127.0.0.1',
    stories,
    store: join(stories, '.store'),
    secret: 'story-route-test',
    log: () => {},
  });
  site = await startStaticServer(
    { '/dist/': join(ROOT, 'dist') },
    { '/page.html': { body: PAGE, type: 'text/html' }, '/page.js': SCRIPT },
  );
  browser = await chromium.launch(chromiumLaunchOptions);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await backend?.close();
  if (stories) await rm(stories, { recursive: true, force: true });
});

test('a story from GET /api/v1/stories/:id, on another origin, plays its authored media to the end', async () => {
  const pageOrigin = site.origin.replace('127.0.0.1', 'localhost');
  const storyUrl = `${backend.url.replace('localhost', '127.0.0.1')}/api/v1/stories/night-walk`;
  expect(new URL(storyUrl).origin).not.toBe(pageOrigin);
  const page = await browser.newPage();
  const failed: string[] = [];
  page.on('response', (r) => void (r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`)));
  try {
    await page.goto(`${pageOrigin}/page.html?story=${encodeURIComponent(storyUrl)}`);
    await page.waitForFunction(
      () => window.offshootLog?.some((e) => ['ended', 'rejected'].includes(e.type) || e.type === 'error'),
      undefined,
      { timeout: 180_000, polling: 250 },
    );
    const log = await page.evaluate(() => window.offshootLog);
    expect(log.filter((e) => e.type === 'error' || e.type === 'rejected')).toEqual([]);
    expect(failed).toEqual([]);
    const segments = log
      .filter((e) => e.type === 'segmentstart')
      .map((e) => (e.payload as { segmentId: string }).segmentId);
    expect(segments[0]).toBe('intro');
    expect(log.find((e) => e.type === 'ended')?.payload).toEqual({ segmentId: segments.at(-1) });
  } finally {
    await page.close();
  }
}, 240_000);

declare global {
  interface Window {
    offshootLog: Array<{ type: string; payload?: unknown }>;
  }
}
