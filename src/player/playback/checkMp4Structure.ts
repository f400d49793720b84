import { PlaybackError } from './PlaybackError.js';

/** Top-level boxes a well-formed piece of fMP4 must contain. */
const REQUIRED = { init: ['moov'], fragment: ['moof', 'mdat'] } as const;

/**
 * Check that `data` is a well-formed fMP4 init section or media fragment at the top level:
 * boxes that tile the bytes exactly (no size running past the end, no trailing bytes) and
 * the boxes that kind needs (`moov`; `moof` + `mdat`). Garbage bytes or a body cut short
 * fail here, before hls.js appends them (a failed append is a fatal media error for the
 * whole timeline; a failed check only costs this fragment a retry). Throws a
 * PlaybackError `fragment-corrupt` naming the URL and what is wrong.
 *
 * @example
 * checkMp4Structure(bytes, 'fragment', 'https://cdn/x/seg_003.m4s');
 */
export function checkMp4Structure(data: ArrayBuffer, kind: 'init' | 'fragment', url: string): void {
  const view = new DataView(data);
  const seen = new Set<string>();
  let at = 0;
  while (at < data.byteLength) {
    if (at + 8 > data.byteLength) throw corrupt(url, `${data.byteLength - at} stray byte(s) at offset ${at}`);
    let size = view.getUint32(at);
    const type = String.fromCharCode(
      view.getUint8(at + 4),
      view.getUint8(at + 5),
      view.getUint8(at + 6),
      view.getUint8(at + 7),
    );
    if (!/^[\x20-\x7e]{4}$/.test(type)) throw corrupt(url, `no box type at offset ${at}`);
    if (size === 1) {
      if (at + 16 > data.byteLength) throw corrupt(url, `box "${type}" at offset ${at} is cut short`);
      size = Number(view.getBigUint64(at + 8));
    } else if (size === 0) {
      size = data.byteLength - at; // "to the end of the file"
    }
    if (size < 8 || at + size > data.byteLength)
      throw corrupt(url, `box "${type}" at offset ${at} claims ${size} bytes, ${data.byteLength - at} left`);
    seen.add(type);
    at += size;
  }
  const missing = REQUIRED[kind].filter((t) => !seen.has(t));
  if (missing.length > 0)
    throw corrupt(
      url,
      `no ${missing.map((t) => `"${t}"`).join(' or ')} box in this ${kind === 'init' ? 'init section' : 'fragment'}`,
    );
}

function corrupt(url: string, what: string): PlaybackError {
  return new PlaybackError('fragment-corrupt', `${url}: not valid fMP4 (${what})`);
}
