import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { renderBrowserLaunchOptions } from './chromiumGpuArgs.js';
import { loadPaintPageScript } from './loadPaintPageScript.js';
import { PAINT_PAGE_GLOBAL } from './PaintPageApi.js';

/**
 * The page's origin. WebCodecs exists only in secure contexts, and about:blank is not
 * one; `*.localhost` is, and playwright serves it from memory (no socket is opened).
 */
const ORIGIN = 'http://offshoot-paint.localhost/';

/** One long-lived chromium shared by all jobs of a generator; a page per job. */
export interface BrowserHost {
  /** A fresh page with the paint script loaded (launches chromium on first use or after a crash). */
  openPage(): Promise<Page>;
  /** Pages open right now (tests: a finished or aborted job leaves none). */
  readonly openPages: number;
  /** Chromium's process id while it runs (tests kill it to check crash handling). */
  readonly pid: number | undefined;
  /** Close chromium; a later openPage() launches it again. */
  close(): Promise<void>;
}

export interface BrowserHostOptions {
  /** Chromium flags that reach the GPU; default CHROMIUM_GPU_ARGS. */
  gpuFlags?: readonly string[];
  /** Path of the bundled paint page script; default: found next to the module (dist/node/paint-page.js). */
  paintPageScript?: string;
}

/**
 * Launch chromium lazily, reuse it across jobs, and relaunch it after it dies: a crash
 * fails the jobs that were using it (their page calls reject) and the next job starts a
 * new browser instead of inheriting a dead one.
 *
 * @example
 * const host = createBrowserHost(); // or createBrowserHost({ gpuFlags: ['--use-angle=gl'] })
 * const page = await host.openPage();
 * try { await page.evaluate(() => offshootPaintPage.probe()); } finally { await page.close(); }
 * await host.close();
 */
export function createBrowserHost(options: BrowserHostOptions = {}): BrowserHost {
  let browser: Promise<Browser> | undefined;
  let pid: number | undefined;
  const pages = new Set<Page>();

  const launch = async (): Promise<Browser> => {
    const b = await chromium.launch(renderBrowserLaunchOptions(options.gpuFlags));
    b.on('disconnected', () => {
      if (browser && current === b) {
        browser = undefined;
        pid = undefined;
      }
    });
    current = b;
    return b;
  };
  let current: Browser | undefined;

  const getBrowser = (): Promise<Browser> => {
    if (current && !current.isConnected()) browser = undefined;
    browser ??= launch().catch((e: unknown) => {
      browser = undefined;
      throw new Error(`browser renderer: could not launch chromium: ${(e as Error).message.split('\n')[0]}`);
    });
    return browser;
  };

  return {
    async openPage() {
      const b = await getBrowser();
      const page = await b.newPage();
      pages.add(page);
      page.once('close', () => pages.delete(page));
      try {
        if (pid === undefined) pid = await browserPid(page);
        await page.route(`${ORIGIN}**`, (route) =>
          route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>offshoot paint</title>' }),
        );
        await page.goto(ORIGIN);
        await page.addScriptTag({ content: loadPaintPageScript(options.paintPageScript) });
        const ok = await page.evaluate((name) => name in globalThis, PAINT_PAGE_GLOBAL);
        if (!ok) throw new Error('browser renderer: the paint page script did not install its API');
        return page;
      } catch (e) {
        await page.close().catch(() => undefined);
        throw e;
      }
    },
    get openPages() {
      return [...pages].filter((p) => !p.isClosed()).length;
    },
    get pid() {
      return pid;
    },
    async close() {
      const b = browser;
      browser = undefined;
      current = undefined;
      pid = undefined;
      if (b) await (await b.catch(() => undefined))?.close().catch(() => undefined);
    },
  };
}

/** The browser process id, via the DevTools protocol (playwright does not expose it for launch()). */
async function browserPid(page: Page): Promise<number | undefined> {
  const session = await page
    .context()
    .browser()
    ?.newBrowserCDPSession()
    .catch(() => undefined);
  if (!session) return undefined;
  try {
    const info = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: Array<{ type: string; id: number }>;
    };
    return info.processInfo.find((p) => p.type === 'browser')?.id;
  } catch {
    return undefined;
  } finally {
    await session.detach().catch(() => undefined);
  }
}
