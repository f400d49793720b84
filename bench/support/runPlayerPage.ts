import type { Browser, CDPSession } from 'playwright-core';
import type { NetworkProfile } from './networkProfiles.js';
import { applyNetworkProfile } from './networkProfiles.js';
import type { PageRecord } from './summarizePlayback.js';

/** What the page noted besides the frames (player errors, story mismatches). */
export interface PageNotes {
  errors: string[];
  defaults: number;
  mismatches: string[];
  firstMediaTime: number | null;
}

/** One player's run: raw page data plus what Node measured around it. */
export interface PlayerRun {
  rec: PageRecord;
  notes: PageNotes;
  /** The player's own stats (ours only), to cross-check the page's measurement. */
  own: unknown;
  /** Navigation → page script ready (bundle or hls.js fetched and evaluated), ms. */
  pageReadyMs: number;
  /** JS heap used after a forced GC: page ready (no player yet), end of the walk, after destroy(). */
  heap: { beforeBytes: number; afterBytes: number; afterDestroyBytes: number };
  /** Console errors and uncaught exceptions of the page. */
  consoleErrors: string[];
  wallSeconds: number;
}

/**
 * Open `pageUrl` in a fresh context of `browser`, throttled to `network`, wait for the page
 * script, then run its walk (`window.__bench.run()`) and measure the heap around it.
 *
 * @example
 * const run = await runPlayerPage(browser, `${origin}/pages/naive.html`, networkProfiles.cable!, 300_000);
 */
export async function runPlayerPage(
  browser: Browser,
  pageUrl: string,
  network: NetworkProfile,
  timeoutMs: number,
): Promise<PlayerRun> {
  const context = await browser.newContext({ viewport: { width: 960, height: 540 } });
  const started = Date.now();
  try {
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
      else if (/^\[(ours|naive)\]/.test(m.text())) console.log(`  ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    const cdp = await context.newCDPSession(page);
    await applyNetworkProfile(cdp, network);
    await page.goto(pageUrl);
    await page
      .waitForFunction(() => (window as unknown as { __benchReady?: number }).__benchReady, null, { timeout: 60_000 })
      .catch((error: Error) => {
        throw new Error(
          `${pageUrl}: the page script never got ready (${error.message}); page errors: ${consoleErrors.slice(0, 5).join(' | ') || 'none'}`,
        );
      });
    const pageReadyMs = await page.evaluate(() => (window as unknown as { __benchReady: number }).__benchReady);
    const beforeBytes = await heapUsed(cdp);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `${pageUrl}: the walk did not end within ${timeoutMs / 1000} s; page errors: ${consoleErrors.slice(0, 5).join(' | ') || 'none'}`,
            ),
          ),
        timeoutMs,
      );
    });
    type Result = { rec: PageRecord; notes: PageNotes; own: unknown };
    const result = await Promise.race([
      page.evaluate(() => (window as unknown as { __bench: { run(): Promise<Result> } }).__bench.run()),
      timeout,
    ]).finally(() => clearTimeout(timer));
    const afterBytes = await heapUsed(cdp);
    await page.evaluate(() => (window as unknown as { __bench: { destroy(): void } }).__bench.destroy());
    await page.waitForTimeout(500);
    const afterDestroyBytes = await heapUsed(cdp);
    return {
      ...result,
      pageReadyMs,
      heap: { beforeBytes, afterBytes, afterDestroyBytes },
      consoleErrors,
      wallSeconds: (Date.now() - started) / 1000,
    };
  } finally {
    await context.close();
  }
}

/** JS heap in use after a full garbage collection. */
async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}
