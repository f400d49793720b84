import type { Page } from 'playwright-core';

/**
 * One close for a job's page, shared by its abort handler and its cleanup, that settles only
 * once the page reports closed: a second `page.close()` during the first may resolve early,
 * and a job must not settle while its page still runs (seen as a flaky open-page count right
 * after an abort). Waits at most 5 s: a browser that died never says so.
 *
 * @example
 * const close = pageCloser(page);
 * signal.addEventListener('abort', () => void close());
 * try { ... } finally { await close(); }
 */
export function pageCloser(page: Page): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () =>
    (closing ??= page
      .close()
      .catch(() => undefined)
      .then(() => untilClosed(page)));
}

function untilClosed(page: Page): Promise<void> {
  if (page.isClosed()) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 5000);
    page.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
