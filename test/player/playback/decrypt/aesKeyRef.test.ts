// Which key and IV each fragment of a playlist is decrypted with (RFC 8216 §5.2), read from
// real playlist text through the engine's own parser.
import { describe, expect, it } from 'vitest';
import { parsePlaylist, toSegmentPlaylist } from '../../../../src/player/playback/readSegmentPlaylist.js';

const URL_ = 'https://cdn.example/s/a/media.m3u8';
const read = (lines: string[]) =>
  toSegmentPlaylist(parsePlaylist(['#EXTM3U', ...lines, '#EXT-X-ENDLIST', ''].join('\n')), URL_);
const hex = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString('hex') : undefined);

describe('AES-128 keys in a media playlist', () => {
  it('explicit IV, rotation to an IV from the media sequence number, METHOD=NONE, and the key before EXT-X-MAP', () => {
    const p = read([
      '#EXT-X-MEDIA-SEQUENCE:41',
      '#EXT-X-KEY:METHOD=AES-128,URI="k1.bin",IV=0x000102030405060708090A0B0C0D0E0F',
      '#EXT-X-MAP:URI="init.mp4"',
      '#EXTINF:1,',
      'seg_0.m4s',
      '#EXT-X-KEY:METHOD=AES-128,URI="../keys/k2.bin"',
      '#EXTINF:1,',
      'seg_1.m4s',
      '#EXT-X-KEY:METHOD=NONE',
      '#EXTINF:1,',
      'seg_2.m4s',
    ]);
    expect(p.initKey?.uri).toBe('https://cdn.example/s/a/k1.bin');
    expect(hex(p.initKey?.iv)).toBe('000102030405060708090a0b0c0d0e0f');
    expect(p.fragments.map((f) => [f.key?.uri, hex(f.key?.iv)])).toEqual([
      ['https://cdn.example/s/a/k1.bin', '000102030405060708090a0b0c0d0e0f'],
      ['https://cdn.example/s/keys/k2.bin', '0000000000000000000000000000002a'], // sequence 42
      [undefined, undefined],
    ]);
  });

  it('clear media has no keys', () => {
    const p = read(['#EXTINF:1,', 'seg_0.mpegts']);
    expect(p.initKey).toBeUndefined();
    expect(p.fragments[0]!.key).toBeUndefined();
  });

  it('SAMPLE-AES (Apple TS sample encryption) is refused as media-incompatible naming the playlist and the fix', () => {
    expect(() => read(['#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://k"', '#EXTINF:1,', 'seg_0.mpegts'])).toThrow(
      expect.objectContaining({
        code: 'media-incompatible',
        message: expect.stringMatching(
          /media\.m3u8: seg_0\.mpegts is encrypted with METHOD=SAMPLE-AES.*METHOD=AES-128/,
        ),
      }),
    );
  });

  it('an encrypted init section whose key has no IV is refused as playlist-invalid (RFC 8216 requires one)', () => {
    const lines = ['#EXT-X-KEY:METHOD=AES-128,URI="k.bin"', '#EXT-X-MAP:URI="init.mp4"', '#EXTINF:1,', 'seg_0.m4s'];
    expect(() => read(lines)).toThrow(
      expect.objectContaining({ code: 'playlist-invalid', message: expect.stringMatching(/no IV/) }),
    );
  });
});
