import { PlaybackError } from '../PlaybackError.js';
import type { AesKeyRef } from './AesKeyRef.js';
import { AesKeyCache } from './AesKeyCache.js';

/** AES block size: an AES-128-CBC body (PKCS#7 padded) is a whole number of blocks. */
const BLOCK = 16;

/** Fetches a body with the engine's retry policy; `verify` rejects bytes that arrived but are unusable. */
export type FetchBody = (
  url: string,
  code: 'fragment-load-failed' | 'key-load-failed',
  signal: AbortSignal,
  verify?: (body: ArrayBuffer) => void,
) => Promise<ArrayBuffer>;

/**
 * Decrypts AES-128 HLS (whole fragments and init sections, CBC with PKCS#7 padding) with
 * WebCrypto, before the engine checks and repackages the bytes. Each key URL is fetched and
 * imported once per key cache (rotation mid-playlist just names another URL): by default the
 * decrypter's own; the engine passes one shared by all its segments (AesKeyCache, aesKeysFor),
 * so one key per title is fetched once per title, not once per segment. A key that cannot be fetched
 * is a `key-load-failed` naming the key URL. Bytes that do not decrypt (bad padding) or do
 * not decrypt to valid media are `decrypt-failed` naming the fragment, the key and the IV:
 * a wrong key or IV is an authoring fault, so it is reported, not retried.
 *
 * @example
 * const aes = new AesDecrypter(fetchBody);
 * const clear = await aes.load(fragmentUrl, { uri: keyUrl, iv }, signal, checkTs);
 */
export class AesDecrypter {
  constructor(
    private readonly fetchBody: FetchBody,
    /** The key cache to use (read when a key is needed: the engine's may be made after this). */
    private readonly keys: () => AesKeyCache = ownCache(),
  ) {}

  /** Fetch `url`, decrypt it with `key` when there is one, and check the clear bytes with `verify`. */
  async load(
    url: string,
    key: AesKeyRef | undefined,
    signal: AbortSignal,
    verify?: (body: ArrayBuffer) => void,
  ): Promise<ArrayBuffer> {
    if (!key) return this.fetchBody(url, 'fragment-load-failed', signal, verify);
    const cipher = this.fetchBody(url, 'fragment-load-failed', signal, (body) => {
      if (body.byteLength === 0 || body.byteLength % BLOCK !== 0)
        throw new PlaybackError(
          'fragment-corrupt',
          `${url}: ${body.byteLength} bytes is not a whole number of AES blocks (cut short?)`,
        );
    });
    const [bytes, cryptoKey] = await Promise.all([cipher, this.key(key.uri, signal)]);
    const failed = (why: string) =>
      new PlaybackError(
        'decrypt-failed',
        `${url}: ${why} with the key ${key.uri} and IV 0x${hex(key.iv)}: wrong key or IV in the playlist?`,
      );
    let clear: ArrayBuffer;
    try {
      clear = await crypto.subtle.decrypt({ name: 'AES-CBC', iv: key.iv }, cryptoKey, bytes);
    } catch {
      throw failed('does not decrypt (bad padding)');
    }
    try {
      verify?.(clear);
    } catch (error) {
      throw failed(`decrypts to bytes that are not media (${error instanceof Error ? error.message : error})`);
    }
    return clear;
  }

  /** The imported key for `uri`, fetched once per key cache. */
  private key(uri: string, signal: AbortSignal): Promise<CryptoKey> {
    return this.keys().get(uri, signal, (keySignal) =>
      this.fetchBody(uri, 'key-load-failed', keySignal, (body) => {
        if (body.byteLength !== BLOCK)
          throw new PlaybackError('key-load-failed', `${uri}: ${body.byteLength} bytes is not a 16-byte AES-128 key`);
      }).then((raw) => crypto.subtle.importKey('raw', raw, 'AES-CBC', false, ['decrypt'])),
    );
  }
}

/** A cache of the decrypter's own (one segment's keys). */
function ownCache(): () => AesKeyCache {
  const keys = new AesKeyCache();
  return () => keys;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
