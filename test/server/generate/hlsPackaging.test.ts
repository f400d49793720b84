import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encoderArgs, estimatedPeakBandwidth } from '../../../src/server/generate/hls/encoderArgs.js';
import { masterPlaylist } from '../../../src/server/generate/hls/masterPlaylist.js';
import { parseMediaPlaylist } from '../../../src/server/generate/hls/parseMediaPlaylist.js';
import { audioArgs, fitAudio } from '../../../src/server/generate/hls/audioArgs.js';
import { readAacCodec } from '../../../src/server/generate/hls/readAacCodec.js';
import { readAvcCodec } from '../../../src/server/generate/hls/readAvcCodec.js';
import { RENDITION_360P, RENDITION_720P } from '../../../src/server/generate/index.js';

const root = mkdtempSync(join(tmpdir(), 'offshoot-hls-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const flag = (args: string[], name: string) => args[args.indexOf(name) + 1];

describe('HLS packaging helpers', () => {
  it('encoder arguments keep the contract on both encoders', () => {
    for (const enc of ['libx264', 'h264_nvenc'] as const) {
      const args = encoderArgs(enc, RENDITION_720P, 2);
      expect(flag(args, '-c:v')).toBe(enc);
      expect(flag(args, '-bf')).toBe('0');
      expect(flag(args, '-g')).toBe('60');
      expect(flag(args, '-profile:v')).toBe('high');
      expect(flag(args, '-pix_fmt')).toBe('yuv420p');
      expect(flag(args, '-force_key_frames')).toBe('expr:gte(t,n_forced*2)');
      expect(flag(args, '-level:v')).toBe('3.1');
      expect(flag(args, '-maxrate')).toBe('3500k');
    }
    expect(flag(encoderArgs('libx264', RENDITION_360P, 1), '-sc_threshold')).toBe('0');
    expect(flag(encoderArgs('h264_nvenc', RENDITION_360P, 1), '-forced-idr')).toBe('1');
    // Video VBV bound (1400 kb/s over 1 s plus one buffer) and twice the 96 kb/s audio.
    expect(estimatedPeakBandwidth(RENDITION_360P, 1)).toBe(2_992_000);
  });

  it('audio arguments: AAC-LC 48 kHz stereo, fitted to the exact length with fades', () => {
    const args = audioArgs();
    expect([flag(args, '-c:a'), flag(args, '-profile:a'), flag(args, '-ar'), flag(args, '-ac')]).toEqual([
      'aac',
      'aac_low',
      '48000',
      '2',
    ]);
    expect(parseInt(flag(args, '-b:a')!, 10)).toBeGreaterThanOrEqual(64);
    expect(fitAudio(2)).toContain('apad=whole_dur=2.000000,atrim=end=2.000000');
    expect(fitAudio(2)).toContain('afade=t=out:st=1.960000:d=0.04');
  });

  it('parses a media playlist and writes a master playlist highest variant first', () => {
    const info = parseMediaPlaylist(
      '#EXTM3U\n#EXT-X-MAP:URI="a-init.mp4"\n#EXTINF:1.000000,\na-00000.m4s\n#EXTINF:0.5,\na-00001.m4s\n#EXT-X-ENDLIST\n',
    );
    expect(info).toEqual({
      init: 'a-init.mp4',
      segments: [
        { uri: 'a-00000.m4s', duration: 1 },
        { uri: 'a-00001.m4s', duration: 0.5 },
      ],
      ended: true,
    });
    const text = masterPlaylist([
      { rendition: RENDITION_360P, codec: 'avc1.64001e', bandwidth: 800_000.4 },
      { rendition: RENDITION_720P, codec: 'avc1.64001f', bandwidth: 2_000_000, averageBandwidth: 1_500_000 },
    ]);
    expect(text.split('\n').slice(3, 7)).toEqual([
      '#EXT-X-STREAM-INF:BANDWIDTH=2000000,AVERAGE-BANDWIDTH=1500000,CODECS="avc1.64001f",RESOLUTION=1280x720,FRAME-RATE=30.000',
      '720p.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=800001,CODECS="avc1.64001e",RESOLUTION=640x360,FRAME-RATE=30.000',
      '360p.m3u8',
    ]);
  });

  it('reads the codec string from a real init segment', async () => {
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'color=c=red:s=320x180:r=30',
      '-t',
      '1',
      '-c:v',
      'libx264',
      '-profile:v',
      'main',
      '-level:v',
      '2.1',
      '-pix_fmt',
      'yuv420p',
      '-f',
      'hls',
      '-hls_segment_type',
      'fmp4',
      '-hls_fmp4_init_filename',
      'init.mp4',
      join(root, 'p.m3u8'),
    ]);
    expect(await readAvcCodec(join(root, 'init.mp4'))).toBe('avc1.4d4015'); // Main, constraint_set1 (x264 sets it for Main), level 2.1;
    await expect(readAvcCodec(join(root, 'p.m3u8'))).rejects.toThrow(/no avcC box/);
  });

  it('reads the AAC codec string from a real init segment, and none from a video-only one', async () => {
    const make = (name: string, audio: string[]) =>
      execFileSync('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'color=c=red:s=320x180:r=30',
        '-f',
        'lavfi',
        '-i',
        'sine=sample_rate=44100',
        '-t',
        '1',
        '-c:v',
        'libx264',
        ...audio,
        '-f',
        'hls',
        '-hls_segment_type',
        'fmp4',
        '-hls_fmp4_init_filename',
        `${name}.mp4`,
        join(root, `${name}.m3u8`),
      ]);
    make('lc', ['-c:a', 'aac', '-ac', '2']);
    make('main', ['-c:a', 'aac', '-profile:a', 'aac_main']);
    make('mute', ['-an']);
    expect(await readAacCodec(join(root, 'lc.mp4'))).toBe('mp4a.40.2');
    expect(await readAacCodec(join(root, 'main.mp4'))).toBe('mp4a.40.1');
    expect(await readAacCodec(join(root, 'mute.mp4'))).toBeUndefined();
    writeFileSync(
      join(root, 'bad.mp4'),
      Buffer.concat([Buffer.from('\0\0\0\x20esds\0\0\0\0', 'latin1'), Buffer.alloc(24)]),
    );
    await expect(readAacCodec(join(root, 'bad.mp4'))).rejects.toThrow(
      /bad esds box in .*bad\.mp4: expected descriptor tag 3/,
    );
  });
});
