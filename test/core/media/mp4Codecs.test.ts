// Runs in Node on the media scripts/make-test-media.ts wrote (npm run media): libx265 and
// x264 output packaged by ffmpeg. Each codec string is checked against what ffprobe reads
// from the same file (profile, level, tag), not against a copied answer.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mp4Codecs } from '../../../src/core/media/mp4Codecs.js';

const media = (path: string) => readFileSync(`test/media/${path}`);

/** ffprobe's view of an init section's video stream (fragments need the init, so the concat is probed). */
function probe(dir: string, init = 'init.mp4'): { tag: string; profile: string; level: number } {
  const bytes = Buffer.concat([media(`${dir}/${init}`), media(`${dir}/seg_000.m4s`)]);
  const out = execFileSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=codec_tag_string,profile,level',
      '-of',
      'json',
      '-',
    ],
    { input: bytes },
  ).toString();
  const stream = (JSON.parse(out) as { streams: Array<{ codec_tag_string: string; profile: string; level: number }> })
    .streams[0]!;
  return { tag: stream.codec_tag_string, profile: stream.profile, level: stream.level };
}

describe('mp4Codecs: the codec of each track, read from the init section', () => {
  it.each([
    ['hevc/video', 'init.mp4', 'hvc1'],
    ['hevc-hev1/video', 'init.mp4', 'hev1'],
    ['hevc-h264/hevc-720p', 'init_1.mp4', 'hvc1'],
  ])(
    'libx265 via ffmpeg (%s): the sample entry and hvcC profile/tier/level as ffprobe reads them',
    (dir, init, tag) => {
      const probed = probe(dir, init);
      expect(probed.tag).toBe(tag);
      const [video, audio] = mp4Codecs(media(`${dir}/${init}`));
      expect(video).toMatchObject({ handler: 'vide', entry: tag });
      // Main profile (idc 1), compatible with Main and Main 10 (flags 1 and 2, reversed: 0x6), Main tier.
      expect(probed.profile).toBe('Main');
      expect(video!.codec).toMatch(new RegExp(`^${tag}\\.1\\.6\\.L${probed.level}(\\.[0-9A-F]{2})*$`));
      expect(audio).toEqual({ handler: 'soun', entry: 'mp4a', codec: 'mp4a.40.2' });
    },
  );

  it('H.264 beside it: avc1 with avcC profile and level, as ffmpeg writes in the master', () => {
    const probed = probe('hevc-h264/h264-720p', 'init_3.mp4');
    const [video] = mp4Codecs(media('hevc-h264/h264-720p/init_3.mp4'));
    expect(probed.profile).toBe('High');
    expect(video!.codec).toBe(`avc1.6400${probed.level.toString(16).padStart(2, '0')}`);
    expect(readFileSync('test/media/hevc-h264/index.m3u8', 'utf8')).toContain(`CODECS="${video!.codec},mp4a.40.2"`);
  });

  it('an encrypted (cenc) init section reports its original format, VP9 and AV1 their config boxes', () => {
    expect(mp4Codecs(media('clearkey/init.mp4')).map((t) => t.entry)).toEqual(['avc1', 'mp4a']);
    const master = (clip: string) => /CODECS="([^",]+)/.exec(readFileSync(`test/media/${clip}/index.m3u8`, 'utf8'))![1];
    expect(mp4Codecs(media('vp9/init.mp4'))[0]!.codec).toBe(master('vp9'));
    expect(mp4Codecs(media('av1/init.mp4'))[0]!.codec).toBe(master('av1'));
  });

  it('a VP9 vpcC with level 0 ("unknown", which no browser takes in a codec string) gives the bare entry type', () => {
    const init = new Uint8Array(media('vp9/init.mp4'));
    const at = Buffer.from(init).indexOf('vpcC') + 4;
    init[at + 5] = 0; // version and flags (4 bytes), profile, then level
    expect(mp4Codecs(init)[0]).toEqual({ handler: 'vide', entry: 'vp09', codec: 'vp09' });
  });

  it('finds nothing in bytes that are not an init section, without throwing', () => {
    expect(mp4Codecs(media('hevc/video/seg_000.m4s'))).toEqual([]);
    expect(mp4Codecs(new Uint8Array([0, 0, 0, 9, 109, 111, 111, 118]))).toEqual([]);
  });
});
