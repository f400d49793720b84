// AesDecrypter with Node's own WebCrypto against bytes encrypted by Node's OpenSSL
// (createCipheriv: the AES-128-CBC + PKCS#7 that RFC 8216 names). The "network" is a map of
// bodies: HTTP, retries and real media are the browser tests' part (encrypted.browser.test.ts).
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AesDecrypter } from '../../../../src/player/playback/decrypt/AesDecrypter.js';
import type { FetchBody } from '../../../../src/player/playback/decrypt/AesDecrypter.js';
import { PlaybackError } from '../../../../src/player/playback/PlaybackError.js';

// Fixed bytes: a wrong key must fail the same way on every run.
const key = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const wrongKey = Buffer.from('ffeeddccbbaa99887766554433221100', 'hex');
const iv = new Uint8Array(Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'));
const clear = Buffer.from('G'.repeat(188 * 3));
const encrypt = (data: Buffer) => {
  const c = createCipheriv('aes-128-cbc', key, iv);
  return Buffer.concat([c.update(data), c.final()]);
};
const toArrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** Serves `bodies` by URL and counts requests; an unknown URL fails like a 404 after retries. */
function server(bodies: Record<string, Buffer>) {
  const requests: string[] = [];
  const fetchBody: FetchBody = async (url, code, _signal, verify) => {
    requests.push(url);
    const body = bodies[url];
    if (!body) throw new PlaybackError(code, `${url}: HTTP 404 after 3 attempt(s)`);
    const bytes = toArrayBuffer(body);
    verify?.(bytes);
    return bytes;
  };
  return { requests, aes: new AesDecrypter(fetchBody) };
}
const signal = new AbortController().signal;
const startsWithSync = (body: ArrayBuffer) => {
  if (new Uint8Array(body)[0] !== 0x47) throw new PlaybackError('fragment-corrupt', 'no sync byte');
};

describe('AesDecrypter', () => {
  it('decrypts fragments with their key, fetching each key URL once', async () => {
    const { aes, requests } = server({ '/k': key, '/a': encrypt(clear), '/b': encrypt(clear) });
    const [a, b] = await Promise.all([
      aes.load('/a', { uri: '/k', iv }, signal, startsWithSync),
      aes.load('/b', { uri: '/k', iv }, signal, startsWithSync),
    ]);
    expect(Buffer.from(a)).toEqual(clear);
    expect(Buffer.from(b)).toEqual(clear);
    expect(requests.filter((u) => u === '/k')).toHaveLength(1);
  });

  it('clear media (no key) passes through as fetched', async () => {
    const { aes } = server({ '/a': clear });
    expect(Buffer.from(await aes.load('/a', undefined, signal, startsWithSync))).toEqual(clear);
  });

  it('a wrong key is decrypt-failed naming the fragment, the key and the IV', async () => {
    const { aes } = server({ '/k': wrongKey, '/a': encrypt(clear) });
    await expect(aes.load('/a', { uri: '/k', iv }, signal, startsWithSync)).rejects.toMatchObject({
      code: 'decrypt-failed',
      message:
        expect.stringContaining(`/a: `) &&
        expect.stringContaining(`key /k and IV 0x${Buffer.from(iv).toString('hex')}`),
    });
  });

  it('a wrong IV (padding intact, first block garbled) is caught by the structure check: decrypt-failed', async () => {
    const { aes } = server({ '/k': key, '/a': encrypt(clear) });
    const other = new Uint8Array(iv);
    other[0]! ^= 0x47; // flips the first clear byte, the TS sync byte
    await expect(aes.load('/a', { uri: '/k', iv: other }, signal, startsWithSync)).rejects.toMatchObject({
      code: 'decrypt-failed',
      message: expect.stringMatching(/decrypts to bytes that are not media \(no sync byte\)/),
    });
  });

  it('a key that is not 16 bytes, or not there, is key-load-failed naming the key URL; a later fragment asks again', async () => {
    const { aes, requests } = server({ '/short': key.subarray(0, 8), '/a': encrypt(clear) });
    await expect(aes.load('/a', { uri: '/short', iv }, signal)).rejects.toMatchObject({
      code: 'key-load-failed',
      message: '/short: 8 bytes is not a 16-byte AES-128 key',
    });
    await expect(aes.load('/a', { uri: '/gone', iv }, signal)).rejects.toMatchObject({ code: 'key-load-failed' });
    await expect(aes.load('/a', { uri: '/gone', iv }, signal)).rejects.toMatchObject({ code: 'key-load-failed' });
    expect(requests.filter((u) => u === '/gone')).toHaveLength(2);
  });

  it('a body that is not whole AES blocks (cut short) is fragment-corrupt, like any bad download', async () => {
    const { aes } = server({ '/k': key, '/a': encrypt(clear).subarray(0, 100) });
    await expect(aes.load('/a', { uri: '/k', iv }, signal)).rejects.toMatchObject({ code: 'fragment-corrupt' });
  });
});
