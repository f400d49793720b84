// A real static Storybook build of an ink story file (its `ink` names compiled ink beside it):
// the whole-story player plays the ink with inkjs in real chromium, ink's choices appear, the
// chosen branch plays to ink's ending, and the build carries the ink file.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../../bench/support/staticServer.js';
import type { StaticServer } from '../../../bench/support/staticServer.js';
import { buildStorybook } from '../../support/buildStorybook.js';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';

const FIXTURE = 'test/core/ink/fixtures/door.json';

describe('Storybook on an ink story', { timeout: 300_000 }, () => {
  let out = '';
  let server: StaticServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    out = await buildStorybook(FIXTURE, 'offshoot-ink-storybook-');
    server = await startStaticServer({ '/': out });
  }, 500_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it("plays the ink in the whole-story player: ink's choices, then ink's ending", async () => {
    expect(existsSync(join(out, 'offshoot-story/door.ink.json'))).toBe(true);
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as {
      entries: Record<string, { id: string; title: string; type: string }>;
    };
    const player = Object.values(index.entries).find((e) => e.title === 'Ink Door/Player')!;
    browser = await chromium.launch(chromiumLaunchOptions);
    const page = await browser.newPage();
    await page.goto(`${server!.origin}/iframe.html?id=${player.id}&viewMode=story`);
    await page.waitForSelector('.osp-twins:not([hidden]) button.osp-twin', { timeout: 120_000 });
    const labels = await page.$$eval('button.osp-twin', (bs) => bs.map((b) => b.textContent));
    expect(labels).toEqual(['Open it', 'Knock']);
    // The twins are the screen-reader and keyboard controls: press the one for "Knock".
    await page.$$eval('button.osp-twin', (bs) => (bs.find((b) => b.textContent === 'Knock') as HTMLElement).click());
    await page.waitForFunction(
      () => [...document.querySelectorAll('.osb-log li')].some((li) => li.textContent?.startsWith('■ ended in knock-')),
      undefined,
      { timeout: 120_000 },
    );
    const log = await page.$$eval('.osb-log li', (lis) => lis.map((li) => li.textContent ?? ''));
    expect(log.filter((line) => line.startsWith('⚠'))).toEqual([]);
    await page.close();
  });
});
