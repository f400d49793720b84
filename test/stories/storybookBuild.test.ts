// A real static Storybook build of a test story file (OFFSHOOT_STORY), checked through its
// index and in real chromium: the generated stories match the file, and a choice-point
// story opens the player at the choice with the options its state allows.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../bench/support/staticServer.js';
import type { StaticServer } from '../../bench/support/staticServer.js';
import { buildStorybook } from '../support/buildStorybook.js';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';

const FIXTURE = 'test/stories/fixtures/storybook-story.json';
const story = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { segments: Record<string, { choice?: unknown }> };

interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: string;
  exportName: string;
}

describe('storybook build', { timeout: 120_000 }, () => {
  let out = '';
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let origin = '';
  let buildSeconds = 0;

  beforeAll(async () => {
    const started = performance.now();
    out = await buildStorybook(FIXTURE, 'offshoot-storybook-');
    buildSeconds = (performance.now() - started) / 1000;
    console.log(`storybook build: ${buildSeconds.toFixed(1)} s`);
    server = await startStaticServer({ '/': out });
    origin = server.origin;
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('indexes one story per segment, per choice point, the player and the graph', () => {
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> };
    const entries = Object.values(index.entries).filter((e) => e.type === 'story');
    const group = (name: string) => entries.filter((e) => e.title === `Storybook Fixture/${name}`).map((e) => e.name);
    const ids = Object.keys(story.segments);
    expect(group('Segments')).toEqual(ids);
    expect(group('Choice points')).toEqual(ids.filter((id) => story.segments[id]!.choice));
    expect(group('Player')).toEqual(['Whole story']);
    expect(group('Graph')).toEqual(['Graph']);
    // Only the media the story names is copied, beside where the story is served.
    expect(existsSync(join(out, 'offshoot-story/media/intro/index.m3u8'))).toBe(true);
    expect(existsSync(join(out, 'offshoot-story/media/a'))).toBe(false);
  });

  it('opens a choice-point story at the choice, with the options its state allows', async () => {
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> };
    const gate = Object.values(index.entries).find(
      (e) => e.title === 'Storybook Fixture/Choice points' && e.name === 'gate',
    )!;
    browser = await chromium.launch(chromiumLaunchOptions);
    const page = await browser.newPage();
    const shown = async (args: string): Promise<{ player: string[]; table: string[] }> => {
      await page.goto(`${origin}/iframe.html?id=${gate.id}&viewMode=story${args ? `&args=${args}` : ''}`);
      // The player's own choice buttons (its keyboard/screen-reader twins of the drawn options).
      await page.waitForSelector('.osp-twins:not([hidden]) button.osp-twin', { timeout: 60_000 });
      const player = await page.$$eval('button.osp-twin', (bs) =>
        bs.map((b) => (b as HTMLElement).dataset.optionId ?? ''),
      );
      const table = await page.$$eval('tr[data-shown="true"]', (rows) =>
        rows.map((r) => (r as HTMLElement).dataset.offshootOption ?? ''),
      );
      return { player, table };
    };
    expect(await shown('')).toEqual({ player: ['walk'], table: ['walk'] });
    expect(await shown('key:!true')).toEqual({ player: ['walk', 'unlock'], table: ['walk', 'unlock'] });
    expect(await shown('coins:3;name:Ada')).toEqual({
      player: ['walk', 'bribe', 'greet'],
      table: ['walk', 'bribe', 'greet'],
    });
  });

  it(
    'plays just one segment in a segment story, and explains a generated one it cannot play',
    { timeout: 180_000 },
    async () => {
      const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as {
        entries: Record<string, IndexEntry>;
      };
      const segment = (name: string) =>
        Object.values(index.entries).find((e) => e.title === 'Storybook Fixture/Segments' && e.name === name)!;
      browser ??= await chromium.launch(chromiumLaunchOptions);
      const page = await browser.newPage();
      await page.goto(`${origin}/iframe.html?id=${segment('dream').id}&viewMode=story`);
      await page.waitForSelector('.osb-message', { timeout: 60_000 });
      expect(await page.$eval('.osb-message', (m) => m.textContent)).toContain('No generation backend configured');
      expect(await page.$$('canvas, video')).toHaveLength(0);
      await page.goto(`${origin}/iframe.html?id=${segment('yard').id}&viewMode=story`);
      // yard (6 s, a route onwards in the story) ends the segment story: the video stops at its end.
      await page.waitForFunction(() => document.querySelector('video')?.ended === true, undefined, {
        timeout: 120_000,
      });
      expect(await page.$eval('video', (v) => Math.round(v.currentTime))).toBe(6);
      await page.close();
    },
  );

  it(
    'draws the graph with endings, the unreachable segment and the playthrough as it plays',
    { timeout: 240_000 },
    async () => {
      const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as {
        entries: Record<string, IndexEntry>;
      };
      const player = Object.values(index.entries).find((e) => e.title === 'Storybook Fixture/Player')!;
      browser ??= await chromium.launch(chromiumLaunchOptions);
      const page = await browser.newPage();
      await page.goto(`${origin}/iframe.html?id=${player.id}&viewMode=story&args=_atChoice:!true;key:!true`);
      await page.waitForSelector('g.osb-node.osb-current[data-segment="gate"]', { timeout: 60_000 });
      const classes = (id: string) =>
        page.$eval(`g.osb-node[data-segment="${id}"]`, (g) => g.getAttribute('class') ?? '');
      expect(await classes('attic')).toContain('osb-unreachable');
      expect(await classes('home')).toContain('osb-end');
      expect(await classes('dream')).toContain('osb-generate');
      // Nobody chooses (a click would race the timer on a loaded machine): the timer takes
      // gate's default option (walk) to yard, and yard's route (key is true) leads home.
      const reachedHome = await page
        .waitForSelector('g.osb-node.osb-current[data-segment="home"]', { timeout: 150_000 })
        .then(
          () => true,
          () => false,
        );
      // On failure, say how far it got (the story's own playthrough log).
      expect(
        reachedHome,
        (await page.$$eval('.osb-log li', (items) => items.map((li) => li.textContent))).join(' | '),
      ).toBe(true);
      expect(
        await page.$$eval('g.osb-edge.osb-taken', (gs) =>
          gs.map(
            (g) => `${g.getAttribute('data-from')}>${g.getAttribute('data-to')}:${g.getAttribute('data-option') ?? ''}`,
          ),
        ),
      ).toEqual(['gate>yard:walk', 'yard>home:']);
      expect(
        await page.$$eval('g.osb-node.osb-visited', (gs) => gs.map((g) => g.getAttribute('data-segment'))),
      ).toEqual(['gate', 'yard', 'home']);
      await page.close();
    },
  );
});
