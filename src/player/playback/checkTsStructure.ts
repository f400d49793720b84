import { PlaybackError } from './PlaybackError.js';

/** MPEG-TS packets are 188 bytes, each starting with this sync byte. */
const PACKET = 188;
const SYNC = 0x47;

/**
 * Check that `data` is a well-formed MPEG-TS fragment: whole 188-byte packets, each starting
 * with the sync byte 0x47. Garbage, an HTML error page or a body cut short fail here, before
 * hls.js transmuxes them (a failed append stops the whole timeline; a failed check only costs
 * this fragment a retry). Throws a PlaybackError `fragment-corrupt` naming the URL and what
 * is wrong.
 *
 * @example
 * checkTsStructure(bytes, 'https://cdn/x/seg_003.ts');
 */
export function checkTsStructure(data: ArrayBuffer, url: string): void {
  const bytes = new Uint8Array(data);
  const corrupt = (what: string) => new PlaybackError('fragment-corrupt', `${url}: not valid MPEG-TS (${what})`);
  if (bytes.length === 0) throw corrupt('no bytes');
  if (bytes.length % PACKET !== 0)
    throw corrupt(`${bytes.length} bytes is not a whole number of ${PACKET}-byte packets`);
  for (let at = 0; at < bytes.length; at += PACKET)
    if (bytes[at] !== SYNC) throw corrupt(`no sync byte 0x47 at offset ${at}`);
}
