import { open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StoredObject } from '../store/RenditionStore.js';
import { HttpError } from './HttpError.js';
import { serveObject } from './serveObject.js';
import type { ServeObjectOptions } from './serveObject.js';

export type ServeFileOptions = ServeObjectOptions;

/**
 * Sends one file from disk with ETag / If-None-Match (304), single byte ranges and HEAD (see
 * serveObject). A missing file is a 404 HttpError. The caller has already checked that `file`
 * lies inside its root.
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
  const object = await openFile(file, false);
  if (!object) throw new HttpError(404, 'not-found', 'No such file');
  await serveObject(req, res, object, options);
}

/**
 * A file on disk as a StoredObject (undefined when it is not a file). The file is opened here,
 * so a rename after this (a render's commit moves its folder) cannot take the bytes away between
 * the answer's headers and its body. The ETag is size and mtime: each file is renamed into place
 * whole, so a new version has a new mtime.
 */
export async function openFile(file: string, complete: boolean): Promise<StoredObject | undefined> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  const info = await handle.stat().catch(() => undefined);
  if (!info?.isFile()) {
    await handle.close();
    return undefined;
  }
  return {
    size: info.size,
    etag: `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`,
    lastModified: info.mtime,
    complete,
    // The stream closes the handle when it ends (autoClose); dispose() is for an answer sent without a body.
    read: (start, end) => Promise.resolve(handle.createReadStream({ start, end })),
    dispose: () => void handle.close().catch(() => undefined),
  };
}
