// The player's codec check on real init sections (npm run media), with the browser's answer
// as input: hevc.browser.test.ts runs it against Debian's chromium, which has no HEVC.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCodecSupport, noPlayableVariant } from '../../../src/player/playback/checkCodecSupport.js';
import { PlaybackError } from '../../../src/player/playback/PlaybackError.js';

const init = (path: string) => new Uint8Array(readFileSync(`test/media/${path}`)).buffer;
const noHevc = (type: string) => !/codecs="(hvc1|hev1)/.test(type);

describe('checkCodecSupport', () => {
  it('refuses libx265 output where HEVC does not decode: media-incompatible naming the URL, the codec and the fix', () => {
    const asked: string[] = [];
    const refuse = () =>
      checkCodecSupport(init('hevc/video/init.mp4'), 'https://cdn.example/hevc/init.mp4', (type) => {
        asked.push(type);
        return noHevc(type);
      });
    expect(refuse).toThrow(PlaybackError);
    expect(asked[0]).toMatch(/^video\/mp4; codecs="hvc1\.1\.6\.L\d+\.90"$/);
    try {
      refuse();
    } catch (error) {
      expect((error as PlaybackError).code).toBe('media-incompatible');
      expect((error as PlaybackError).message).toMatch(
        /^https:\/\/cdn\.example\/hevc\/init\.mp4: this browser cannot decode its HEVC video hvc1\.1\.6\.L\d+\.90: .*H\.264/,
      );
    }
  });

  it('passes it where HEVC decodes, and passes H.264, VP9, AV1 and cenc (encv) init sections the browser plays', () => {
    expect(() => checkCodecSupport(init('hevc-hev1/video/init.mp4'), 'x', () => true)).not.toThrow();
    const asked: string[] = [];
    for (const path of ['intro/init.mp4', 'vp9/init.mp4', 'av1/init.mp4', 'clearkey/init.mp4'])
      checkCodecSupport(init(path), path, (type) => (asked.push(type), noHevc(type)));
    expect(asked).toEqual([
      'video/mp4; codecs="avc1.64001e"',
      'audio/mp4; codecs="mp4a.40.2"',
      expect.stringMatching(/^video\/mp4; codecs="vp09\./),
      'audio/mp4; codecs="mp4a.40.2"',
      expect.stringMatching(/^video\/mp4; codecs="av01\./),
      'audio/mp4; codecs="mp4a.40.2"',
      'video/mp4; codecs="avc1.64001e"',
      'audio/mp4; codecs="mp4a.40.2"',
    ]);
  });

  it('a master with no playable variant: the codecs and, for HEVC, where it plays and what to add', () => {
    expect(noPlayableVariant('https://cdn.example/m.m3u8', ['hvc1.1.4.L63.B01,mp4a.40.2'])).toMatch(
      /m\.m3u8: no rendition this browser can play \(CODECS: hvc1\.1\.4\.L63\.B01,mp4a\.40\.2\): HEVC plays only in Safari .*H\.264 variants/,
    );
    expect(noPlayableVariant('m', ['avc1.64001e,ac-3', undefined])).toMatch(
      /CODECS: avc1\.64001e,ac-3; \?\): add an H\.264\/AAC/,
    );
  });
});
