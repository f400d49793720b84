import { readFileSync, statSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Text types a CDN or host compresses (media segments are already compressed: never). */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|vnd\.apple\.mpegurl))/;

/** Compressed bodies by file, encoding and mtime: a host compresses a static file once. */
const cache = new Map<string, Buffer>();

/**
 * The body a host that compresses (as CDNs and static hosts do) would send for `file`, with its
 * Content-Encoding: brotli when the request accepts it, else gzip, else null (send it plain).
 * Only for text types; compressed once per file version, like a CDN's cache.
 *
 * @example
 * const c = compressedBody(file, 'text/javascript', req.headers['accept-encoding']);
 * if (c) res.writeHead(200, { 'content-encoding': c.encoding, 'content-length': c.body.length }).end(c.body);
 */
export function compressedBody(
  file: string,
  type: string,
  acceptEncoding: string | undefined,
): { encoding: 'br' | 'gzip'; body: Buffer } | null {
  if (!COMPRESSIBLE.test(type) || !acceptEncoding) return null;
  const accepts = (name: string) => new RegExp(`(^|[\\s,])${name}(?![^,]*q=0(\\.0*)?(\\s|,|$))`).test(acceptEncoding);
  const encoding = accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : null;
  if (!encoding) return null;
  const key = `${encoding}:${statSync(file).mtimeMs}:${file}`;
  let body = cache.get(key);
  if (!body) {
    const plain = readFileSync(file);
    body =
      encoding === 'br'
        ? brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
        : gzipSync(plain, { level: 9 });
    cache.set(key, body);
  }
  return { encoding, body };
}
