import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { RUNNER_PATHS, runnerPageHtml } from './runnerPage.js';

const TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.ts': 'video/mp2t',
  '.vtt': 'text/vtt; charset=utf-8',
};

export interface RunnerFilesOptions {
  /** The story file's folder: served under /story/. */
  storyDir: string;
  /** The built player bundle (dist/offshoot.umd.js). */
  bundle: string;
  /** Extra folders under the story's URL space: `{ media: 'test/media' }` serves /story/media/… from test/media. */
  mounts?: Record<string, string>;
}

export interface RunnerFiles {
  /** http://127.0.0.1:PORT (no trailing slash). */
  origin: string;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server for the runner: the runner page, the player bundle, and the story
 * folder (plus mounts) with HLS content types. Nothing outside those folders is served.
 *
 * @example
 * const files = await serveRunnerFiles({ storyDir: 'examples', bundle: 'dist/offshoot.umd.js', mounts: { media: 'test/media' } });
 * await page.goto(files.origin + '/__offshoot/runner.html');
 * await files.close();
 */
export async function serveRunnerFiles(options: RunnerFilesOptions): Promise<RunnerFiles> {
  // Longest prefix first, so a mount wins over the story folder it sits in.
  const roots = [
    ...Object.entries(options.mounts ?? {}).map(
      ([prefix, dir]) => [`${RUNNER_PATHS.story}${prefix.replace(/^\/+|\/+$/g, '')}/`, resolve(dir)] as const,
    ),
    [RUNNER_PATHS.story, resolve(options.storyDir)] as const,
  ].sort((a, b) => b[0].length - a[0].length);

  const fileFor = (pathname: string): string | null => {
    if (pathname === RUNNER_PATHS.bundle) return resolve(options.bundle);
    for (const [prefix, base] of roots) {
      if (!pathname.startsWith(prefix)) continue;
      const file = normalize(join(base, decodeURIComponent(pathname.slice(prefix.length))));
      return file.startsWith(base + sep) ? file : null;
    }
    return null;
  };

  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://runner');
    if (pathname === RUNNER_PATHS.page) {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
        .end(runnerPageHtml());
      return;
    }
    let file: string | null;
    try {
      file = fileFor(pathname);
    } catch {
      file = null; // a malformed %-escape
    }
    const notFound = () =>
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${pathname}\n`);
    if (!file) return notFound();
    const path = file;
    stat(path).then((info) => {
      if (!info.isFile()) return notFound();
      res.writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-store',
      });
      createReadStream(path)
        .on('error', () => res.destroy())
        .pipe(res);
    }, notFound);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
