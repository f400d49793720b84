// Which EXT-X-KEY tags are EME's (listed for hls.js's EME controller) and how they are listed.
import { describe, expect, it } from 'vitest';
import { drmKeyTags } from '../../../../src/player/playback/decrypt/drmKeyTags.js';
import { parsePlaylist, toSegmentPlaylist } from '../../../../src/player/playback/readSegmentPlaylist.js';

const CLEARKEY =
  '#EXT-X-KEY:METHOD=SAMPLE-AES-CTR,KEYFORMAT="org.w3.clearkey",KEYID=0x0123456789abcdef0123456789abcdef,URI="keys/ck.json"';
const WIDEVINE =
  '#EXT-X-KEY:METHOD=SAMPLE-AES-CTR,KEYFORMAT="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed",URI="data:text/plain;base64,AAAA"';

describe('drmKeyTags', () => {
  it('keeps EME tags verbatim with relative URIs made absolute; AES-128, identity and NONE are not EME', () => {
    const text = [
      '#EXTM3U',
      CLEARKEY,
      WIDEVINE,
      '#EXT-X-KEY:METHOD=AES-128,URI="k.bin"',
      '#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://x"',
      '#EXT-X-KEY:METHOD=NONE',
    ].join('\n');
    expect(drmKeyTags(text, 'https://cdn.test/a/media.m3u8')).toEqual([
      CLEARKEY.replace('keys/ck.json', 'https://cdn.test/a/keys/ck.json'),
      WIDEVINE,
    ]);
  });

  it('reach the segment playlist through parsePlaylist, resolved against the media playlist', () => {
    const text = `#EXTM3U\n${CLEARKEY}\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:1,\nseg_0.m4s\n#EXT-X-ENDLIST\n`;
    const p = toSegmentPlaylist(parsePlaylist(text), 'https://cdn.test/b/media.m3u8');
    expect(p.drmKeys).toEqual([CLEARKEY.replace('keys/ck.json', 'https://cdn.test/b/keys/ck.json')]);
    expect(p.fragments[0]!.key).toBeUndefined(); // the CDM decrypts it, not the engine
  });
});
