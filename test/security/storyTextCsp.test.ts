// Story text is hostile input: every text field of this story carries HTML and script
// payloads, and the built player runs in real chromium under a strict Content-Security-Policy
// (no 'unsafe-eval', no 'unsafe-inline'), sent by a local server as a response header. The
// test plays through a choice and asserts that no payload ran (a global it would set stays
// unset, no dialog), that the policy was never violated (securitypolicyviolation events and
// console), that the payloads reach the DOM twins only as text, and that no element was
// built from them. A second story, invalid with a payload in `start`, checks the error path.
import { statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { startStaticServer } from '../../bench/support/staticServer.js';
import type { StaticServer } from '../../bench/support/staticServer.js';
import { cspPageHtml, cspPageScript } from './cspPage.js';

/**
 * The policy docs/hostile-input.md gives embedders: this test is what makes it true. One
 * addition to the strictest form: `data:` in media-src, for pixi v8's one-off video alpha
 * probe (VideoSource.load() decodes a 1-pixel inline WebM). Without it the probe is blocked
 * and reported, and pixi falls back to premultiplying on upload (right for opaque video).
 */
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob: data:; worker-src 'self' blob:; connect-src 'self'";

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=\'img\'">',
  '<script>window.__pwned="script"</script>',
  'javascript:window.__pwned="url"',
  '</style><script>window.__pwned="style"</script><style>',
  '"><svg onload="window.__pwned=\'svg\'"></svg>',
  "{{constructor.constructor('window.__pwned=1')()}}",
];
const all = PAYLOADS.join(' ');

const story = {
  offshoot: 1,
  id: 'hostile',
  title: `Title ${all}`,
  start: 'intro',
  state: { name: all },
  segments: {
    intro: {
      media: 'media/a/index.m3u8',
      duration: 3,
      captions: PAYLOADS.map((text, i) => ({ from: i * 0.4, to: i * 0.4 + 0.4, text })),
      choice: {
        prompt: `Prompt ${PAYLOADS[0]}`,
        at: 0.3,
        until: 2.6,
        default: 'o1',
        options: [
          { id: 'o0', label: PAYLOADS[1]!, next: 'left', set: { name: "name + '<b>bold</b>'" } },
          { id: 'o1', label: PAYLOADS[3]!, next: 'right' },
          { id: 'o2', label: PAYLOADS[4]!, next: 'right', if: "name != ''" },
        ],
      },
      'x-note': all,
    },
    left: { media: 'media/b/index.m3u8', duration: 3, end: true, captions: [{ from: 0, to: 2, text: PAYLOADS[2]! }] },
    right: { media: 'media/c/index.m3u8', duration: 3, end: true },
  },
};
const invalid = { ...story, start: PAYLOADS[0] };

function startServer(): Promise<StaticServer> {
  return startStaticServer(
    { '/dist/': 'dist', '/media/': 'test/media' },
    {
      '/': { body: cspPageHtml, type: 'text/html; charset=utf-8' },
      '/page.js': { body: cspPageScript, type: 'text/javascript' },
      '/story.json': JSON.stringify(story),
      '/invalid.json': JSON.stringify(invalid),
    },
    { headers: { 'content-security-policy': STRICT_CSP } },
  );
}

interface Watch {
  console: string[];
  dialogs: string[];
}

async function open(page: Page, url: string): Promise<Watch> {
  const watch: Watch = { console: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') watch.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => watch.console.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  return watch;
}

/** Everything in the page that a payload could have become: elements, attributes, handlers, the flag. */
function inspect(page: Page) {
  return page.evaluate(() => {
    const elements = [...document.querySelectorAll('*')];
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      violations: (window as unknown as { __csp: { violations: string[] } }).__csp.violations,
      scripts: [...document.scripts].map((s) => s.src || `inline: ${s.textContent}`),
      // Tags the payloads would make (the controls' own icons are <svg>: those count only with a payload attribute).
      foreign: elements
        .filter(
          (e) =>
            ['IMG', 'IFRAME', 'OBJECT', 'EMBED', 'B', 'A', 'STYLE'].includes(e.tagName) ||
            [...e.attributes].some((a) => a.value.includes('__pwned') && a.name !== 'aria-label'),
        )
        .map((e) => e.outerHTML.slice(0, 100)),
      handlers: elements.flatMap((e) =>
        [...e.attributes]
          .filter((a) => /^on/i.test(a.name) || (/javascript:/i.test(a.value) && a.name !== 'aria-label'))
          .map((a) => `${e.tagName}[${a.name}]`),
      ),
      text: document.body.textContent ?? '',
      twins: [...document.querySelectorAll('button[data-option-id]')].map((b) => ({
        id: b.getAttribute('data-option-id'),
        text: b.textContent,
        children: b.children.length,
      })),
      labels: [...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')),
    };
  });
}

describe('story text under a strict Content-Security-Policy', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    statSync('dist/offshoot.bundle.mjs');
    server = await startServer();
    browser = await chromium.launch(chromiumLaunchOptions);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the player plays through a choice; payloads stay text, nothing runs, nothing violates the policy', async () => {
    const page = await browser.newPage();
    const watch = await open(page, `${server.origin}/?story=/story.json`);
    await page.waitForFunction(
      () =>
        (window as unknown as { __csp: { events: { type: string }[] } }).__csp.events.some(
          (e) => e.type === 'choicestart',
        ),
      null,
      { timeout: 60_000 },
    );
    const during = await inspect(page);
    // The twins hold the labels verbatim as text, one text node each; the prompt is the group's label.
    expect(during.twins).toEqual([
      { id: 'o0', text: PAYLOADS[1], children: 0 },
      { id: 'o1', text: PAYLOADS[3], children: 0 },
      { id: 'o2', text: PAYLOADS[4], children: 0 },
    ]);
    expect(during.labels).toContain(`Prompt ${PAYLOADS[0]}`);
    await page.evaluate(() => (window as unknown as { __player: { choose(id: string): void } }).__player.choose('o0'));
    await page.waitForFunction(() => (window as unknown as { __csp: { ended: boolean } }).__csp.ended, null, {
      timeout: 60_000,
    });
    const after = await inspect(page);
    const record = await page.evaluate(
      () => (window as unknown as { __csp: { events: unknown[]; errors: string[] } }).__csp,
    );
    expect(record.errors).toEqual([]);
    expect(record.events).toContainEqual({ type: 'choice', optionId: 'o0', byDefault: false });
    expect(record.events).toContainEqual({ type: 'segmentstart', segmentId: 'left' });
    for (const state of [during, after]) {
      expect(state.pwned).toBeNull();
      expect(state.violations).toEqual([]);
      expect(state.foreign).toEqual([]);
      expect(state.handlers).toEqual([]);
      expect(state.scripts).toEqual([`${server.origin}/page.js`]);
    }
    expect(watch.dialogs).toEqual([]);
    expect(watch.console.filter((line) => /Content Security Policy|Refused to/i.test(line))).toEqual([]);
    await page.close();
  }, 120_000);

  it('an invalid story with a payload in `start`: the error is shown as text, nothing runs', async () => {
    const page = await browser.newPage();
    const watch = await open(page, `${server.origin}/?story=/invalid.json`);
    await page.waitForSelector('[role="alert"]', { timeout: 60_000 });
    const state = await inspect(page);
    const alert = await page.textContent('[role="alert"]');
    expect(alert).toContain(PAYLOADS[0]);
    expect(state.pwned).toBeNull();
    expect(state.violations).toEqual([]);
    expect(state.foreign).toEqual([]);
    expect(state.handlers).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    expect(watch.console.filter((line) => /Content Security Policy|Refused to/i.test(line))).toEqual([]);
    await page.close();
  }, 120_000);
});
