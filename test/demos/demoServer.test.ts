// `npm run demo`'s server as a real process on a free port: it prints its URLs, serves both
// pages, the short and its pre-rendered media; and the mock streaming page's resume prompt
// works in real chromium (play, reload, resume at the saved segment, start over).
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateStory } from '../../src/core/index.js';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { spawnDemoServer } from '../../demos/spawnDemoServer.js';
import type { DemoServer } from '../../demos/spawnDemoServer.js';

let demo: DemoServer;

beforeAll(async () => {
  // A fresh clone pre-renders the short's media first (≈20–60 s on two loaded cores). The
  // CPU render path, so the start-up does not launch a chromium to probe for a GPU.
  demo = await spawnDemoServer({ timeoutMs: 240_000, env: { DEMO_RENDERER: 'cpu' } });
}, 250_000);

afterAll(async () => {
  await demo?.stop();
});

async function get(path: string): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(new URL(path, demo.url));
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

describe('demo server', () => {
  it('prints the URL to open and serves both pages, the short, its media and a viewer config', async () => {
    expect(demo.output()).toMatch(/Offshoot demo: http:\/\/localhost:\d+\//);
    expect(demo.watchUrl).toBe(`${demo.url}watch`);

    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.text).toContain('<offshoot-player');
    expect(index.text).toMatch(/<option value="\/examples\/lighthouse-road\.json" selected>/);
    expect(index.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script

    const watch = await get('/watch');
    expect(watch.status).toBe(200);
    expect(watch.text).toContain('id="resume-prompt"');
    expect(watch.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    for (const asset of ['/demos/watch.js', '/demos/watch.css', '/demos/index.js', '/dist/offshoot.bundle.mjs'])
      expect((await get(asset)).status, asset).toBe(200);

    const story = await get('/examples/lighthouse-road.json');
    expect(story.status).toBe(200);
    expect(validateStory(story.text).valid).toBe(true);
    const playlist = await get('/examples/demo-media/intro/index.m3u8');
    expect(playlist.status).toBe(200);
    expect(playlist.text).toMatch(/^#EXTM3U[\s\S]*CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2"/);
    const poster = await fetch(new URL('/examples/demo-media/poster.jpg', demo.url));
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
    expect((await poster.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const config = JSON.parse((await get('/demo-config.json')).text);
    expect(config.generationUrl).toBe(demo.backendUrl);
    expect(config.token).toEqual(expect.any(String));
    // Nothing outside the mounted folders.
    expect((await get('/examples/demo-media/../../package.json')).status).toBe(404);
  });

  describe('the mock streaming page in chromium', () => {
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];

    beforeAll(async () => {
      browser = await chromium.launch(chromiumLaunchOptions);
      page = await browser.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      // watch.html sends a strict CSP (no eval, no inline script or style): a violation is an error too.
      page.on('console', (m) => void (/Content Security Policy|Refused to/.test(m.text()) && errors.push(m.text())));
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
    });

    const segmentIs = (id: string) => page.waitForSelector(`#watch[data-segment="${id}"]`, { timeout: 60_000 });

    it('offers Resume after a reload, resumes at the saved segment, and Start over goes back to the start', async () => {
      await page.goto(demo.watchUrl);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await page.waitForSelector('body[data-view="title"]');
      expect(await page.textContent('#title')).toBe('The Lighthouse Road');
      expect(await page.isVisible('#play')).toBe(true);
      expect(await page.isVisible('#resume-prompt')).toBe(false);

      // Play, and pick the robot the way a keyboard viewer does: the option's focusable
      // twin (visually hidden over the canvas button) and Enter. On a very loaded machine the
      // window may close first (the timer takes the fox): the resume check holds either way.
      await page.click('#play');
      await segmentIs('intro');
      await page
        .getByRole('button', { name: 'The teal robot' })
        .focus({ timeout: 30_000 })
        .then(() => page.keyboard.press('Enter'))
        .catch(() => undefined);
      await page.waitForSelector('#watch[data-segment^="meet-"]', { timeout: 60_000 });
      const reached = (await page.getAttribute('#watch', 'data-segment')) as string;
      const chapter = reached === 'meet-robot' ? 'The robot' : 'The fox';

      await page.reload();
      await page.waitForSelector('body[data-view="title"]');
      expect(await page.isVisible('#resume-prompt')).toBe(true);
      expect(await page.isVisible('#play')).toBe(false);
      expect(await page.textContent('#resume-text')).toContain(`“${chapter}” after 1 choice`);

      await page.click('#resume');
      await segmentIs(reached);
      expect(await page.textContent('#now-playing')).toBe(`Now playing: ${chapter}`);

      await page.click('#back');
      await page.waitForSelector('body[data-view="title"]');
      expect(await page.isVisible('#resume-prompt')).toBe(true);
      await page.click('#start-over');
      await segmentIs('intro');
      // The old place is gone: the new save is the start.
      const saved = await page.evaluate(() =>
        JSON.parse(localStorage.getItem('offshoot:snapshot:lighthouse-road') ?? 'null'),
      );
      expect(saved?.segmentId).toBe('intro');
      expect(errors).toEqual([]);
    }, 180_000);
  });
});
