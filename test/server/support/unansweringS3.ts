// A fault no real server can be made to show on demand: an "object store" that accepts TCP
// connections and then never answers (a hung S3 endpoint). Optionally it answers HEAD of the
// bucket (so a store can be opened against it) and, with `stallBody`, answers a GET's headers
// and a few bytes of the body, then goes silent. Records the first line of each request.
import { createServer } from 'node:net';
import type { Socket } from 'node:net';

export interface UnansweringS3 {
  endpoint: string;
  /** "METHOD /path" of every request received. */
  requests: string[];
  stop(): Promise<void>;
}

export interface UnansweringOptions {
  /** Answer `HEAD /<bucket>` with 200 (HeadBucket), so openS3Store succeeds. */
  bucket?: string;
  /** Answer HEADs of objects with 200 and GETs with headers + 10 of 100 bytes, then stop. */
  stallBody?: boolean;
}

export async function startUnansweringS3(options: UnansweringOptions = {}): Promise<UnansweringS3> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      // One request per connection: answered (and closed) or left hanging.
      while (head.includes('\r\n\r\n')) {
        const [line = ''] = head.split('\r\n');
        head = head.slice(head.indexOf('\r\n\r\n') + 4);
        const [method = '', path = ''] = line.split(' ');
        requests.push(`${method} ${path.split('?')[0]}`);
        const bare = path.split('?')[0];
        if (method === 'HEAD' && options.bucket && (bare === `/${options.bucket}` || bare === `/${options.bucket}/`))
          reply(socket, 200, '');
        else if (options.stallBody && method === 'HEAD') reply(socket, 200, '');
        else if (options.stallBody && method === 'GET' && !path.includes('list-type'))
          socket.write(
            'HTTP/1.1 200 OK\r\nContent-Type: application/vnd.apple.mpegurl\r\nContent-Length: 100\r\n' +
              'ETag: "stall"\r\n\r\n#EXTM3U\n\n',
          );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function reply(socket: Socket, status: number, body: string): void {
  socket.end(
    `HTTP/1.1 ${status} OK\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n` +
      `ETag: "stall"\r\nLast-Modified: ${new Date(0).toUTCString()}\r\n\r\n${body}`,
  );
}
