import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { StoredObject } from '../store/RenditionStore.js';
import { parseRange } from './parseRange.js';

export interface ServeObjectOptions {
  contentType: string;
  cacheControl: string;
}

/**
 * Sends one stored object with ETag / If-None-Match (304), single byte ranges (206, 416 when
 * unsatisfiable, If-Range honoured) and HEAD, whether it lives on disk or in a bucket.
 *
 * @example
 * const object = await store.open(key, ['seg_00000.m4s']);
 * if (object) await serveObject(req, res, object, { contentType: 'video/iso.segment', cacheControl: IMMUTABLE });
 */
export async function serveObject(
  req: IncomingMessage,
  res: ServerResponse,
  object: StoredObject,
  options: ServeObjectOptions,
): Promise<void> {
  const { etag, size } = object;
  let sending = false;
  try {
    res.setHeader('Content-Type', options.contentType);
    res.setHeader('Cache-Control', options.cacheControl);
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', object.lastModified.toUTCString());
    res.setHeader('Accept-Ranges', 'bytes');
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304).end();
      return;
    }
    const ifRange = req.headers['if-range'];
    const rangeHeader = ifRange === undefined || ifRange === etag ? req.headers.range : undefined;
    const range = rangeHeader === undefined ? undefined : parseRange(rangeHeader, size);
    if (range === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${size}`);
      res.writeHead(416, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Range not satisfiable');
      return;
    }
    const start = range?.start ?? 0;
    const end = range?.end ?? size - 1;
    if (req.method === 'HEAD' || size === 0) {
      if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
      res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
      res.writeHead(range ? 206 : 200).end();
      return;
    }
    // Open the bytes before the status line, so a store fault is still a clean 5xx.
    sending = true;
    const body = await object.read(start, end);
    if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
    res.setHeader('Content-Length', String(end - start + 1));
    res.writeHead(range ? 206 : 200);
    // A client that goes away mid-file is normal (seeking players do it all the time).
    await pipeline(body, res).catch(() => undefined);
  } finally {
    if (!sending) object.dispose();
  }
}
