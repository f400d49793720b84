// AesKeyCache's rules that a played story rarely meets: a key fetch given up with its segment
// (its signal aborted) while another segment waits on it, and the bound. Keys are real WebCrypto
// keys; the "download" is a promise the test settles (the real-HTTP count is in
// aesKeyShared.browser.test.ts).
import { describe, expect, it } from 'vitest';
import { AesKeyCache, aesKeysFor } from '../../../../src/player/playback/decrypt/AesKeyCache.js';

const importKey = () => crypto.subtle.importKey('raw', new Uint8Array(16), 'AES-CBC', false, ['decrypt']);

/** A key download per call, settled by the test; rejects like fetch when its signal aborts. */
function downloads() {
  const calls: Array<{ signal: AbortSignal; resolve: () => void }> = [];
  const fetchKey = (signal: AbortSignal) =>
    new Promise<CryptoKey>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      calls.push({ signal, resolve: () => void importKey().then(resolve) });
    });
  return { calls, fetchKey };
}

describe('AesKeyCache', () => {
  it('one download for every asker of the same key URL', async () => {
    const keys = new AesKeyCache();
    const { calls, fetchKey } = downloads();
    const a = keys.get('/k', new AbortController().signal, fetchKey);
    const b = keys.get('/k', new AbortController().signal, fetchKey);
    calls[0]!.resolve();
    expect(await a).toBe(await b);
    expect(await keys.get('/k', new AbortController().signal, fetchKey)).toBe(await a);
    expect(calls).toHaveLength(1);
  });

  it('a download given up with its segment is fetched again for the segment still waiting, not failed', async () => {
    const keys = new AesKeyCache();
    const { calls, fetchKey } = downloads();
    const first = new AbortController();
    const a = keys.get('/k', first.signal, fetchKey);
    const b = keys.get('/k', new AbortController().signal, fetchKey);
    first.abort();
    await expect(a).rejects.toThrow('aborted');
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toHaveLength(2); // b's own download
    calls[1]!.resolve();
    await expect(b).resolves.toBeDefined();
  });

  it('bounded: past the limit the least recently used key is dropped and fetched again when named', async () => {
    const keys = new AesKeyCache(2);
    const { calls, fetchKey } = downloads();
    const signal = new AbortController().signal;
    const get = (uri: string) => {
      const key = keys.get(uri, signal, fetchKey);
      calls.at(-1)!.resolve();
      return key;
    };
    await get('/1');
    await get('/2');
    await keys.get('/1', signal, fetchKey); // /1 used again: /2 is now the oldest
    await get('/3');
    expect(keys.size).toBe(2);
    expect(calls).toHaveLength(3);
    await keys.get('/1', signal, fetchKey); // kept
    expect(calls).toHaveLength(3);
    await get('/2'); // dropped: fetched again
    expect(calls).toHaveLength(4);
  });

  it('one cache per owner (engine)', () => {
    const a = {};
    expect(aesKeysFor(a)).toBe(aesKeysFor(a));
    expect(aesKeysFor(a)).not.toBe(aesKeysFor({}));
  });
});
