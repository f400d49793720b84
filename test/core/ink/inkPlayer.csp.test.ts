// An ink story played by the built player in real chromium under the strict Content-Security-Policy
// that docs/hostile-input.md gives embedders: inkjs runs without eval or new Function, the story's
// "ink" file is fetched beside it, and ink's choices reach the viewer through the ordinary machine.
import { statSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import { startStaticServer } from '../../../bench/support/staticServer.js';
import type { StaticServer } from '../../../bench/support/staticServer.js';
import { compileInk } from '../../../src/import/ink/compileInk.js';
import { cspPageHtml, cspPageScript } from '../../security/cspPage.js';

const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob: data:; worker-src 'self' blob:; connect-src 'self'";

const INK = compileInk(
  [
    'VAR knocks = 0',
    'A door in the rain. # media: media/a/index.m3u8',
    '# duration: 3',
    '* [Open it] -> inside',
    '* [Knock] -> knock',
    '=== knock ===',
    '~ knocks = knocks + 1',
    'Nobody answers. # media: media/c/index.m3u8',
    '# duration: 3',
    '-> END',
    '=== inside ===',
    'A warm hall. # media: media/b/index.m3u8',
    '# duration: 3',
    '-> END',
  ].join('\n'),
);
/** The story file: a one-segment preview for tools without ink, and the compiled ink it names. */
const STORY = {
  offshoot: 1,
  id: 'door',
  title: 'Door',
  start: 'preview',
  state: {},
  segments: { preview: { media: 'media/a/index.m3u8', duration: 3, end: true } },
  ink: 'door.ink.json',
};

describe('an ink story in the built player under a strict CSP', () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    statSync('dist/offshoot.bundle.mjs');
    server = await startStaticServer(
      { '/dist/': 'dist', '/media/': 'test/media' },
      {
        '/': { body: cspPageHtml, type: 'text/html; charset=utf-8' },
        '/page.js': { body: cspPageScript, type: 'text/javascript' },
        '/door.json': JSON.stringify(STORY),
        '/door.ink.json': INK,
      },
      { headers: { 'content-security-policy': STRICT_CSP } },
    );
    browser = await chromium.launch(chromiumLaunchOptions);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows ink's choices, plays the chosen branch to ink's ending, and violates nothing", async () => {
    const page = await browser.newPage();
    const console: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && console.push(m.text())));
    page.on('pageerror', (e) => void console.push(`pageerror: ${e.message}`));
    await page.goto(`${server.origin}/?story=/door.json`);
    type Record = {
      events: { type: string; options?: { id: string; label: string }[]; segmentId?: string; optionId?: string }[];
      errors: string[];
      violations: string[];
      ended: boolean;
    };
    const record = () => page.evaluate(() => (window as unknown as { __csp: Record }).__csp);
    await page.waitForFunction(
      () => (window as unknown as { __csp: Record }).__csp.events.some((e) => e.type === 'choicestart'),
      null,
      { timeout: 60_000 },
    );
    const open = (await record()).events.find((e) => e.type === 'choicestart')!;
    expect(open.options!.map((o) => o.label)).toEqual(['Open it', 'Knock']);
    const knock = open.options!.find((o) => o.label === 'Knock')!.id;
    await page.evaluate(
      (id) => (window as unknown as { __player: { choose(id: string): void } }).__player.choose(id),
      knock,
    );
    await page.waitForFunction(() => (window as unknown as { __csp: Record }).__csp.ended, null, { timeout: 60_000 });
    const done = await record();
    expect(done.errors).toEqual([]);
    expect(done.violations).toEqual([]);
    expect(done.events).toContainEqual({ type: 'choice', optionId: knock, byDefault: false });
    const started = done.events.filter((e) => e.type === 'segmentstart').map((e) => e.segmentId!);
    expect(started).toHaveLength(2);
    expect(started[1]).toMatch(/^knock-/);
    expect(console.filter((line) => /Content Security Policy|Refused to|EvalError/i.test(line))).toEqual([]);
    await page.close();
  }, 120_000);
});
