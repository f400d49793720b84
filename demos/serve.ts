// The demo server: `npm run demo` (after `npm run build`). Serves the built SDK (dist/),
// the example stories (examples/, with their media/ from test/media/) and this folder
// over real HTTP on localhost, starts the embedded generation backend (one process, the
// procedural generator, a store under .cache/) for the stories' `generate` segments, and
// prints the URL to open. Like an embedder's site, it hands the page a viewer token.
// The demo short (examples/lighthouse-road.json) has pre-rendered segments: they are
// rendered once at start-up into .cache/demo-media (progress printed; cached after).
// PORT picks the page port (0: any free one), BACKEND_PORT the backend's, DEMO_STORE the
// folder generated segments are kept in (default .cache/demo-store; an empty one shows
// generation from scratch), DEMO_RENDERER the render path (auto, cpu or browser),
// DEMO_WORKERS how many renders run at once (default 1).
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createProceduralGenerator } from '../src/server/generate/index.js';
import { signViewerToken, startServer } from '../src/server/index.js';
import { prerenderDemo } from './prerenderDemo.js';

const root = resolve(import.meta.dirname, '..');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.css': 'text/css; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
};
const DEMO_STORY = join(root, 'examples', 'lighthouse-road.json');
const DEMO_MEDIA = join(root, '.cache', 'demo-media');

/** URL path → file, only inside the folders the demo may show. */
function fileFor(pathname: string): string | null {
  if (pathname === '/' || pathname === '/index.html') return join(root, 'demos', 'index.html');
  if (pathname === '/watch') return join(root, 'demos', 'watch.html');
  const mounts: Array<[string, string]> = [
    ['/examples/demo-media/', '.cache/demo-media'],
    ['/examples/media/', 'test/media'],
    ['/test/media/', 'test/media'],
    ['/examples/', 'examples'],
    ['/dist/', 'dist'],
    ['/demos/', 'demos'],
  ];
  for (const [prefix, dir] of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    const base = join(root, dir);
    const file = normalize(join(base, decodeURIComponent(pathname.slice(prefix.length))));
    return file.startsWith(base + sep) ? file : null;
  }
  return null;
}

// Before anything listens: a page opened early would otherwise 404 on the short's media.
await prerenderDemo({ storyFile: DEMO_STORY, outDir: DEMO_MEDIA, log: (message) => console.log(message) });

const secret = process.env.OFFSHOOT_SECRET ?? randomBytes(24).toString('base64url');
// Settle the render path first (a GPU host paints in chromium, this machine on the CPU): it is part of every rendition key.
// DEMO_RENDERER=cpu skips the probe (a chromium launch) where the answer is known.
const renderer = process.env.DEMO_RENDERER ?? 'auto';
if (!['auto', 'cpu', 'browser'].includes(renderer))
  throw new Error(`DEMO_RENDERER must be auto, cpu or browser (got "${renderer}")`);
const generator = createProceduralGenerator({
  renderer: renderer as 'auto' | 'cpu' | 'browser',
  log: (message) => console.log(`[backend] ${message}`),
});
await generator.ready();
const backend = await startServer({
  generator,
  port: Number(process.env.BACKEND_PORT ?? 0),
  stories: join(root, 'examples'),
  store: process.env.DEMO_STORE ?? join(root, '.cache', 'demo-store'),
  workers: Number(process.env.DEMO_WORKERS ?? 1),
  secret,
  log: (message) => console.log(`[backend] ${message}`),
});

/** What the page needs to reach the backend: its URL and a token for this viewer (1 hour). */
function demoConfig(): string {
  const token = signViewerToken(
    { sub: `demo-${randomBytes(6).toString('hex')}`, story: '*', exp: Math.floor(Date.now() / 1000) + 3600 },
    secret,
  );
  return JSON.stringify({ generationUrl: backend.url, token });
}

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (pathname === '/demo-config.json') {
    res
      .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
      .end(demoConfig());
    return;
  }
  const file = fileFor(pathname);
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${pathname}\n`);
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    'access-control-allow-origin': '*',
  });
  createReadStream(file).pipe(res);
});

if (!existsSync(join(root, 'dist', 'offshoot.bundle.mjs')))
  console.warn('dist/ is missing: run `npm run build` first (npm run demo does).');
if (!existsSync(join(root, 'test', 'media')))
  console.warn('test/media is missing: run `npm run media` for the example clips.');

const port = Number(process.env.PORT ?? 8080);
server.once('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EADDRINUSE') throw error;
  server.listen(0, '127.0.0.1'); // the usual port is taken: any free one
});
server.on('listening', () => {
  const { port: actual } = server.address() as AddressInfo;
  console.log(`Offshoot demo: http://localhost:${actual}/  (generation backend ${backend.url}; Ctrl+C to stop)`);
  console.log(`  streaming-site mock: http://localhost:${actual}/watch`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void backend
      .close()
      .then(() => generator.close())
      .then(() => process.exit(0));
  });
}
server.listen(port, '127.0.0.1');
