import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
};

export interface StaticServer {
  /** http://127.0.0.1:PORT (no trailing slash). */
  origin: string;
  /** Requests served, by kind, since the last reset (to see what each player fetched). */
  counts: { requests: number; bytes: number; notFound: string[] };
  resetCounts(): void;
  close(): Promise<void>;
}

/**
 * A plain node:http static server on 127.0.0.1 for the bench pages: URL prefixes mapped to
 * folders (no path escapes them), plus in-memory documents (the generated story and plan).
 * `Cache-Control: no-store`: every fetch reaches the (throttled) network.
 *
 * @example
 * const server = await startStaticServer({ '/dist/': 'dist' }, { '/bench/story.json': JSON.stringify(story) });
 * await page.goto(`${server.origin}/pages/ours.html`);
 */
export async function startStaticServer(
  folders: Record<string, string>,
  documents: Record<string, string> = {},
): Promise<StaticServer> {
  const roots = Object.entries(folders).map(([prefix, dir]) => [prefix, resolve(dir)] as const);
  const counts = { requests: 0, bytes: 0, notFound: [] as string[] };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    counts.requests++;
    const send = (status: number, type: string, body?: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    };
    const doc = documents[path];
    if (doc !== undefined) {
      counts.bytes += Buffer.byteLength(doc);
      send(200, TYPES[extname(path)] ?? 'text/plain', doc);
      return;
    }
    const file = fileFor(roots, path);
    const size = file ? sizeOf(file) : null;
    if (!file || size === null) {
      counts.notFound.push(path);
      send(404, 'text/plain', `not found: ${path}`);
      return;
    }
    counts.bytes += size;
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': size,
      'cache-control': 'no-store',
      'access-control-allow-origin': '*',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    counts,
    resetCounts() {
      counts.requests = 0;
      counts.bytes = 0;
      counts.notFound = [];
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** The file a URL path names under one of the mapped folders, or null when it would leave it. */
function fileFor(roots: ReadonlyArray<readonly [string, string]>, path: string): string | null {
  for (const [prefix, root] of roots) {
    if (!path.startsWith(prefix)) continue;
    const file = normalize(join(root, path.slice(prefix.length)));
    return file.startsWith(root + sep) ? file : null;
  }
  return null;
}

function sizeOf(file: string): number | null {
  try {
    const s = statSync(file);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}
