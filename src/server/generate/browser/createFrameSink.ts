import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where the page POSTs read-back frames, and how Node takes them in order. */
export interface FrameSink {
  /** http://127.0.0.1:PORT/ (the page POSTs frame i to `${url}${i}`). */
  readonly url: string;
  /** Frame `index`'s RGBA bytes, once the page has sent it. */
  frame(index: number): Promise<Buffer>;
  close(): void;
}

/** Frames received but not yet taken before the page is made to wait (bounded memory). */
const QUEUE = 4;

/**
 * A one-job HTTP endpoint on the loopback interface for read-back frames. Returning
 * a 1 MB string from page.evaluate costs ~1 s here (the DevTools protocol is JSON); a POST
 * of the raw bytes over a local socket is a plain copy. The response to frame i is held
 * while QUEUE frames wait to be taken: that is the page's backpressure.
 *
 * @example
 * const sink = await createFrameSink(); // page: fetch(`${sink.url}${i}`, { method: 'POST', body: rgba, mode: 'no-cors' })
 * const rgba = await sink.frame(0);
 */
export async function createFrameSink(): Promise<FrameSink> {
  const frames = new Map<number, Buffer>();
  const waiting = new Map<number, (b: Buffer) => void>();
  const held: Array<() => void> = [];
  const server = createServer((req, res) => {
    const index = Number(req.url?.slice(1));
    if (req.method !== 'POST' || !Number.isInteger(index)) {
      res.writeHead(404).end();
      return;
    }
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const body = Buffer.concat(parts);
      const taker = waiting.get(index);
      if (taker) {
        waiting.delete(index);
        taker(body);
      } else frames.set(index, body);
      const reply = () => res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
      if (frames.size < QUEUE) reply();
      else held.push(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    frame(index) {
      const ready = frames.get(index);
      if (ready) {
        frames.delete(index);
        held.shift()?.();
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => waiting.set(index, resolve));
    },
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
