import { checkAudioStructure } from './audio/checkAudioStructure.js';
import { checkMp4Structure } from './checkMp4Structure.js';
import { checkTsStructure } from './checkTsStructure.js';

/**
 * The structure check for one download of a segment, by what it is: a separate audio
 * rendition's fragment (MPEG-TS or packed audio), an MPEG-TS fragment (`ts`: the playlist has
 * no EXT-X-MAP), or an fMP4 init section or fragment. Bytes that fail it are retried, never
 * handed to hls.js: a failed append would stop the whole timeline.
 *
 * @example
 * checkFragmentStructure(bytes, 'fragment', false, url); // throws fragment-corrupt on garbage
 */
export function checkFragmentStructure(
  body: ArrayBuffer,
  kind: 'init' | 'fragment' | 'audio',
  ts: boolean,
  url: string,
): void {
  if (kind === 'audio') checkAudioStructure(body, url);
  else if (ts) checkTsStructure(body, url);
  else checkMp4Structure(body, kind, url);
}
