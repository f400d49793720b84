// The load bench's baseline: a bare node:http server answering the same routes as the backend
// with canned replies (every job already done, one real rendition's files from memory for
// every key). What it measures is the HTTP and client cost alone: the ceiling for the real one.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface StaticBackend {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `story` and, under /store/<any key>/, the files of the rendition folder `renditionDir`.
 *
 * @example
 * const bare = await startStaticBackend(story, '/tmp/store/ab12…');
 */
export async function startStaticBackend(story: { id: string }, renditionDir: string): Promise<StaticBackend> {
  const files = new Map<string, Buffer>();
  for (const name of await readdir(renditionDir))
    if (!name.startsWith('.')) files.set(name, await readFile(join(renditionDir, name)));
  const storyJson = JSON.stringify(story);
  const job = (key: string) =>
    JSON.stringify({
      jobId: key,
      key,
      status: 'done',
      progress: 1,
      readySeconds: 1,
      durationSeconds: 1,
      playlistUrl: `/store/${key}/index.m3u8`,
    });
  const keyOf = (segmentId: string) => createHash('sha256').update(segmentId).digest('hex');
  const json = (res: ServerResponse, status: number, text: string) =>
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    const parts = path.split('/');
    if (req.method === 'POST' && path === '/api/v1/generate') {
      let body = '';
      req.setEncoding('utf8').on('data', (c: string) => (body += c));
      req.on('end', () => json(res, 200, job(keyOf((JSON.parse(body) as { segmentId: string }).segmentId))));
      return;
    }
    if (path === `/api/v1/stories/${story.id}`) return json(res, 200, storyJson);
    if (parts[1] === 'api' && parts[3] === 'jobs' && parts[4]) {
      if (parts[5] === 'events') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        return res.end(`event: done\ndata: ${job(parts[4])}\n\n`);
      }
      return json(res, 200, job(parts[4]));
    }
    if (parts[1] === 'store' && parts[3]) {
      const file = files.get(parts[3]);
      if (file) return res.writeHead(200, { 'Content-Length': file.length }).end(file);
    }
    json(res, 404, '{"error":{"code":"not-found"}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
