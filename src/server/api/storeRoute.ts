import { HttpError } from '../http/HttpError.js';
import type { RouteHandler } from '../http/Router.js';
import { serveObject } from '../http/serveObject.js';
import { contentTypeOf } from '../store/contentTypes.js';
import { safeRelativePath } from '../store/safeRelativePath.js';
import type { RenditionStore } from '../store/RenditionStore.js';

/** Cache-Control for anything that can never change. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * GET /store/:key/*: files of a rendition. Segments and init files are immutable even while
 * the rendition grows (each is renamed into place complete, and the key is a content hash);
 * a playlist is immutable once the rendition is committed and `no-cache` while it grows.
 *
 * @example
 * router.add('GET', '/store/:key/*', storeRoute(store));
 */
export function storeRoute(store: RenditionStore): RouteHandler {
  return async ({ req, res, params, tail }) => {
    const segments = safeRelativePath(tail);
    const name = segments[segments.length - 1] as string;
    const contentType = contentTypeOf(name);
    if (!contentType) throw new HttpError(404, 'not-found', 'No such file');
    const file = await store.open(params.key as string, segments);
    if (!file) throw new HttpError(404, 'not-found', 'No such file (yet)');
    const growing = !file.complete && name.endsWith('.m3u8');
    await serveObject(req, res, file, { contentType, cacheControl: growing ? 'no-cache' : IMMUTABLE });
  };
}
