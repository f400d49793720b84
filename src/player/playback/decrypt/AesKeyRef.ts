import { PlaybackError } from '../PlaybackError.js';

/** How one fragment (or init section) of an AES-128 playlist is decrypted: RFC 8216 §5.2. */
export interface AesKeyRef {
  /** The key's absolute URL (16 raw bytes). */
  uri: string;
  /** The 16-byte IV: the tag's IV attribute, else the fragment's media sequence number. */
  iv: Uint8Array<ArrayBuffer>;
}

/** What m3u8-parser reports for the EXT-X-KEY in force (none after METHOD=NONE). */
export interface ParsedKey {
  method: string;
  uri: string;
  iv?: Uint32Array;
}

/**
 * The decryption of one fragment from the EXT-X-KEY in force for it: `undefined` for clear
 * media (no key, or METHOD=NONE), an `AesKeyRef` for AES-128. SAMPLE-AES (Apple's TS sample
 * encryption) needs a decrypter inside the transmuxer, which the light hls.js build has not:
 * refused with `media-incompatible` naming the playlist and the fix. SAMPLE-AES-CTR (cenc)
 * is EME's, not ours: `undefined` here (the bytes go to the browser's CDM encrypted).
 * `sequence` is the fragment's media sequence number (the IV when the tag has none); an
 * encrypted init section has no sequence number, so its tag must carry an IV (RFC 8216 §4.3.2.5).
 *
 * @example
 * aesKeyRef({ method: 'AES-128', uri: 'k1.key' }, 7, 'https://cdn/a/media.m3u8', 'seg_007.ts');
 * // { uri: 'https://cdn/a/k1.key', iv: 00…07 }
 */
export function aesKeyRef(
  key: ParsedKey | undefined,
  sequence: number | null,
  mediaUrl: string,
  what: string,
): AesKeyRef | undefined {
  if (!key || key.method === 'NONE' || /^SAMPLE-AES-(CTR|CENC)$/.test(key.method)) return undefined;
  if (key.method !== 'AES-128')
    throw new PlaybackError(
      'media-incompatible',
      `${mediaUrl}: ${what} is encrypted with METHOD=${key.method}, which Offshoot cannot decrypt ` +
        '(it plays AES-128 whole-segment encryption, and SAMPLE-AES-CTR/cenc through EME): ' +
        'package it with METHOD=AES-128 or as cenc fMP4 for a DRM system.',
    );
  const iv = new Uint8Array(16);
  if (key.iv) key.iv.forEach((word, i) => new DataView(iv.buffer).setUint32(i * 4, word));
  else if (sequence === null)
    throw new PlaybackError(
      'playlist-invalid',
      `${mediaUrl}: the EXT-X-KEY before EXT-X-MAP has no IV (RFC 8216 requires one for an encrypted init section)`,
    );
  else {
    // The media sequence number as a big-endian 128-bit integer (it fits in the last 8 bytes).
    const view = new DataView(iv.buffer);
    view.setUint32(8, Math.floor(sequence / 2 ** 32));
    view.setUint32(12, sequence >>> 0);
  }
  return { uri: new URL(key.uri, mediaUrl).href, iv };
}
