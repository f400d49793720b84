import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { HttpError } from './HttpError.js';
import { parseRange } from './parseRange.js';

export interface ServeFileOptions {
  contentType: string;
  cacheControl: string;
}

/**
 * Sends one file with ETag / If-None-Match (304), single byte ranges (206, 416 when
 * unsatisfiable, If-Range honoured) and HEAD. A missing file is a 404 HttpError. The caller
 * has already checked that `file` lies inside its root.
 *
 * @example
 * await serveFile(req, res, '/store/ab…/init.mp4', { contentType: 'video/mp4', cacheControl: IMMUTABLE });
 */
export async function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  options: ServeFileOptions,
): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new HttpError(404, 'not-found', 'No such file');
  const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  res.setHeader('Content-Type', options.contentType);
  res.setHeader('Cache-Control', options.cacheControl);
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', info.mtime.toUTCString());
  res.setHeader('Accept-Ranges', 'bytes');
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304).end();
    return;
  }
  const ifRange = req.headers['if-range'];
  const rangeHeader = ifRange === undefined || ifRange === etag ? req.headers.range : undefined;
  const range = rangeHeader === undefined ? undefined : parseRange(rangeHeader, info.size);
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${info.size}`);
    res.writeHead(416, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Range not satisfiable');
    return;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? info.size - 1;
  if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${info.size}`);
  res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
  res.writeHead(range ? 206 : 200);
  if (req.method === 'HEAD' || info.size === 0) {
    res.end();
    return;
  }
  // A client that goes away mid-file is normal (seeking players do it all the time).
  await pipeline(createReadStream(file, { start, end }), res).catch(() => undefined);
}
