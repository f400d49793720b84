// test/media over real HTTP on an ephemeral port, for the `validate --media` tests that fetch
// media by URL (remote stories, --base-url), and `test-paths --base-url`.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

/**
 * Serves test/media's files at their paths under the root (404 for anything else) until `close`;
 * `cors`: readable from any origin (a player on another page fetches them).
 *
 * @example
 * const media = await serveTestMedia();
 * try { await runCli(['validate', file, '--media', '--base-url', `${media.origin}/s.json`]); } finally { media.close(); }
 */
export async function serveTestMedia({ cors = false } = {}): Promise<{ origin: string; close(): void }> {
  const server = createServer((req, res) => {
    const file = normalize(join('test/media', decodeURIComponent(new URL(req.url!, 'http://x').pathname)));
    if (cors) res.setHeader('Access-Control-Allow-Origin', '*');
    try {
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}
