import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { compressedBody } from './compressedBody.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** An in-memory document: its text, or its text and content type (for paths with no extension). */
export type StaticDocument = string | { body: string; type: string };

export interface StaticServerOptions {
  /** Headers added to every reply, e.g. a Content-Security-Policy the page must run under. */
  headers?: Record<string, string>;
  /**
   * Compress text files (JS, JSON, playlists, CSS, HTML) by the request's Accept-Encoding
   * (brotli, else gzip), as CDNs and static hosts do. Default false: byte counts stay the files'.
   */
  compress?: boolean;
}

export interface StaticServer {
  /** http://127.0.0.1:PORT (no trailing slash). */
  origin: string;
  /** Requests served, by kind, since the last reset (to see what each player fetched). */
  counts: { requests: number; bytes: number; notFound: string[] };
  resetCounts(): void;
  close(): Promise<void>;
}

/**
 * The one static file server of the tests and benches: plain node:http on 127.0.0.1 (an
 * ephemeral port), URL prefixes mapped to folders (no path escapes them), plus in-memory
 * documents (a generated story, a test page). `Cache-Control: no-store`: every fetch reaches
 * the (throttled) network, so a bench's byte counts are what a player fetched.
 *
 * @example
 * const server = await startStaticServer({ '/dist/': 'dist' }, { '/bench/story.json': JSON.stringify(story) });
 * await page.goto(`${server.origin}/pages/ours.html`);
 * // a page under a policy: startStaticServer(folders, { '/': { body: html, type: 'text/html' } }, { headers: { 'content-security-policy': csp } })
 */
export async function startStaticServer(
  folders: Record<string, string>,
  documents: Record<string, StaticDocument> = {},
  options: StaticServerOptions = {},
): Promise<StaticServer> {
  const roots = Object.entries(folders).map(([prefix, dir]) => [prefix, resolve(dir)] as const);
  const counts = { requests: 0, bytes: 0, notFound: [] as string[] };
  const extra = options.headers ?? {};
  const server = createServer((req, res) => {
    counts.requests++;
    const send = (status: number, type: string, body?: string) => {
      res.writeHead(status, { ...extra, 'content-type': type, 'cache-control': 'no-store' }).end(body);
    };
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      send(400, 'text/plain', 'bad URL');
      return;
    }
    const doc = documents[path];
    if (doc !== undefined) {
      const body = typeof doc === 'string' ? doc : doc.body;
      counts.bytes += Buffer.byteLength(body);
      send(200, typeof doc === 'string' ? (TYPES[extname(path)] ?? 'text/plain') : doc.type, body);
      return;
    }
    const file = fileFor(roots, path);
    const size = file ? sizeOf(file) : null;
    if (!file || size === null) {
      counts.notFound.push(path);
      send(404, 'text/plain', `not found: ${path}`);
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const packed = options.compress ? compressedBody(file, type, req.headers['accept-encoding']) : null;
    if (packed) {
      counts.bytes += packed.body.length;
      res
        .writeHead(200, {
          ...extra,
          'content-type': type,
          'content-encoding': packed.encoding,
          vary: 'accept-encoding',
          'content-length': packed.body.length,
          'cache-control': 'no-store',
          'access-control-allow-origin': '*',
        })
        .end(packed.body);
      return;
    }
    counts.bytes += size;
    res.writeHead(200, {
      ...extra,
      'content-type': type,
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
