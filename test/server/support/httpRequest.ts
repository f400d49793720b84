// Raw HTTP for tests: node:http sends the path exactly as written (fetch would normalise
// `..` and percent-escapes away, hiding exactly what the traversal tests need to send).
import { request } from 'node:http';
import { connect } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json: () => unknown;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function httpRequest(base: string, path: string, options: RawRequest = {}): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: body.toString('utf8'),
            json: () => JSON.parse(body.toString('utf8')),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POST JSON with a bearer token. */
export function postJson(base: string, path: string, body: unknown, token?: string): Promise<RawResponse> {
  return httpRequest(base, path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface SseEvent {
  event: string;
  data: string;
}

/** Reads an SSE stream until the server ends it (or `limitMs` passes) and returns its events. */
export function readSse(
  base: string,
  path: string,
  limitMs = 20_000,
  onEvent?: (e: SseEvent) => void,
  signal?: AbortSignal,
): Promise<{ status: number; events: SseEvent[]; contentType?: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const req = request({ host: url.hostname, port: url.port, path, signal }, (res) => {
      let buffer = '';
      const timer = setTimeout(() => req.destroy(), limitMs);
      res.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) {
            events.push({ event, data });
            onEvent?.({ event, data });
          }
        }
      });
      const done = (): void => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, events, contentType: res.headers['content-type'] });
      };
      res.on('end', done);
      res.on('close', done);
    });
    req.on('error', (error) => (events.length ? resolve({ status: 200, events }) : reject(error)));
    req.end();
  });
}

/** Sends `path` byte for byte over a socket (node:http refuses some bytes, e.g. NUL) and returns the reply. */
export function rawGet(base: string, path: string): Promise<{ status: number; text: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`);
    });
    let text = '';
    socket.setEncoding('latin1').on('data', (c: string) => (text += c));
    socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0), text }));
    socket.on('error', reject);
  });
}
