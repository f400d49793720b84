// Runs in Node on media scripts/makeTsAltAudio.ts made (npm run media): `beep-ts-alt` is
// Apple's classic layout written by one ffmpeg run, a video-only MPEG-TS variant with its sound
// in MPEG-TS audio renditions (and their packed-AAC copies). The muxed fragments are checked
// by ffprobe/ffmpeg (real tools), not only by our own parser.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { muxTsFragments } from '../../../src/player/playback/audio/muxTsFragments.js';
import { readPackedAudio } from '../../../src/player/playback/audio/packedAudioToTs.js';
import { crc32Mpeg, readTsProgram } from '../../../src/player/playback/audio/tsPsi.js';
import { PlaybackError } from '../../../src/player/playback/PlaybackError.js';
import { checkAudioStructure } from '../../../src/player/playback/audio/checkAudioStructure.js';
import { packedAudioProblem } from '../../../src/core/media/packedAudioProblem.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'alt-audio-ts-mux-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (path: string) => {
  const bytes = readFileSync(`test/media/beep-ts-alt/${path}`);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};
const seg = (n: number, ext: string) => `seg_${String(n).padStart(3, '0')}.${ext}`;
/** Audio fragments per video fragment: each by the one its start (0, 1.0027, 2.0053, 3.008 s) falls in, the rest with the last. */
const AUDIO_FOR_VIDEO = [[0], [1], [2, 3]];

/** Mux the whole clip with one language, from its MPEG-TS (`en`) or packed (`en-aac`) rendition. */
function muxClip(rendition: string, ext: string): Uint8Array[] {
  return AUDIO_FOR_VIDEO.map(
    (audio, v) =>
      new Uint8Array(
        muxTsFragments(
          read(`video/${seg(v, 'mpegts')}`),
          audio.map((a) => ({ bytes: read(`${rendition}/${seg(a, ext)}`), url: seg(a, ext) })),
          'video/media.m3u8',
        ),
      ),
  );
}

async function probe(file: string): Promise<Array<{ codec_type: string; start_pts: number; codec_name: string }>> {
  const { stdout } = await run('ffprobe', [
    ...['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,start_pts', '-of', 'json', file],
  ]);
  return (JSON.parse(stdout) as { streams: Array<{ codec_type: string; start_pts: number; codec_name: string }> })
    .streams;
}

/** The file's audio decoded to 16-bit PCM, as ffmpeg decodes it. */
async function pcm(file: string): Promise<Buffer> {
  const out = join(dir, `${Math.random().toString(36).slice(2)}.pcm`);
  await run('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:a', '-f', 's16le', out]);
  return readFileSync(out);
}

describe('muxTsFragments: MPEG-TS video + MPEG-TS or packed-AAC audio → one muxed MPEG-TS stream', () => {
  it('each muxed fragment has the video and the audio stream in its PMT, with a valid CRC, the audio on a free PID', () => {
    for (const fragment of muxClip('en', 'mpegts')) {
      const program = readTsProgram(fragment)!;
      expect(program.streams.map((s) => s.type)).toEqual([0x1b, 0x0f]); // H.264, AAC (ADTS)
      const [video, audio] = program.streams;
      expect(audio!.pid).not.toBe(video!.pid);
      // The CRC of a whole PSI section, its CRC included, is 0 (CRC-32/MPEG-2).
      const at =
        188 *
        [...Array(fragment.length / 188).keys()].find((i) => {
          const pid = ((fragment[i * 188 + 1]! & 0x1f) << 8) | fragment[i * 188 + 2]!;
          return pid === program.pmtPid;
        })!;
      const s = at + 5 + fragment[at + 4]!;
      const length = ((fragment[s + 1]! & 0x0f) << 8) | fragment[s + 2]!;
      expect(crc32Mpeg(fragment.subarray(s, s + 3 + length))).toBe(0);
    }
  });

  it('ffmpeg reads the muxed clip as H.264 + AAC, the audio sample-identical to the rendition decoded alone, on the video clock', async () => {
    const muxed = join(dir, 'muxed.ts');
    writeFileSync(muxed, Buffer.concat(muxClip('en', 'mpegts')));
    const alone = join(dir, 'alone.ts');
    writeFileSync(alone, Buffer.concat([0, 1, 2, 3].map((a) => new Uint8Array(read(`en/${seg(a, 'mpegts')}`)))));
    const streams = await probe(muxed);
    expect(streams.map((s) => `${s.codec_type}:${s.codec_name}`)).toEqual(['video:h264', 'audio:aac']);
    const rendition = await probe(alone);
    // Timestamps are left as the packager wrote them: the rendition's own clock, the video's.
    expect(streams[1]!.start_pts).toBe(rendition[0]!.start_pts);
    expect(streams[0]!.start_pts).toBe(
      (await probe(join('test/media/beep-ts-alt/video/seg_000.mpegts')))[0]!.start_pts,
    );
    const [a, b] = await Promise.all([pcm(muxed), pcm(alone)]);
    expect(a.length).toBeGreaterThan(48000 * 2 * 2 * 2.9); // ~3 s of stereo 16-bit
    expect(a.equals(b)).toBe(true);
  });

  it('packed AAC becomes PES packets timed by its ID3 timestamp: the same PTS and samples as the MPEG-TS rendition', async () => {
    const fromTs = join(dir, 'from-ts.ts');
    const fromPacked = join(dir, 'from-packed.ts');
    writeFileSync(fromTs, Buffer.concat(muxClip('en', 'mpegts')));
    writeFileSync(fromPacked, Buffer.concat(muxClip('en-aac', 'aac')));
    const [ts, packed] = await Promise.all([probe(fromTs), probe(fromPacked)]);
    expect(packed.map((s) => s.codec_name)).toEqual(['h264', 'aac']);
    expect(packed[1]!.start_pts).toBe(ts[1]!.start_pts);
    const first = readPackedAudio(new Uint8Array(read(`en-aac/${seg(1, 'aac')}`)), 'seg_001.aac');
    expect(first.sampleRate).toBe(48000);
    expect(first.frames.length).toBe(47); // 1.0027 s of 1024-sample frames
    const [a, b] = await Promise.all([pcm(fromPacked), pcm(fromTs)]);
    expect(a.equals(b)).toBe(true);
  });

  it('refuses what it cannot mux with media-incompatible naming the URL', () => {
    const video = read(`video/${seg(0, 'mpegts')}`);
    const noTimestamp = new Uint8Array(read(`en-aac/${seg(0, 'aac')}`)).slice(73); // the ID3 tag cut off
    expect(() => muxTsFragments(video, [{ bytes: noTimestamp.buffer, url: 'x/seg_000.aac' }], 'v.m3u8')).toThrow(
      /x\/seg_000\.aac: not packed AAC the player can play \(no ID3 PRIV frame "com\.apple\.streaming\.transportStreamTimestamp"/,
    );
    const muxed = readFileSync('test/media/beep-ts-muxed/seg_000.mpegts');
    const withAudio = muxed.buffer.slice(muxed.byteOffset, muxed.byteOffset + muxed.byteLength) as ArrayBuffer;
    const error = (() => {
      try {
        muxTsFragments(withAudio, [{ bytes: read(`en/${seg(0, 'mpegts')}`), url: 'a' }], 'muxed/media.m3u8');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PlaybackError);
    expect((error as PlaybackError).code).toBe('media-incompatible');
    expect((error as PlaybackError).message).toMatch(/muxed\/media\.m3u8: .*carries its own audio stream/);
  });

  it('audio fragments are checked as MPEG-TS or packed audio before muxing (fragment-corrupt: retried), and validate --media reads packed AAC alike', () => {
    const ts = read(`en/${seg(1, 'mpegts')}`);
    const packed = read(`en-aac/${seg(1, 'aac')}`);
    expect(() => checkAudioStructure(ts, 'a.ts')).not.toThrow();
    expect(() => checkAudioStructure(packed, 'a.aac')).not.toThrow();
    const html = new TextEncoder().encode('<html>503</html>').buffer as ArrayBuffer;
    expect(() => checkAudioStructure(html, 'x/a.aac')).toThrow(/x\/a\.aac: neither MPEG-TS nor packed audio/);
    expect(() => checkAudioStructure(ts.slice(0, 1000), 'x/a.ts')).toThrow(
      /x\/a\.ts: not valid MPEG-TS \(1000 bytes is not a whole number of 188-byte packets\)/,
    );
    expect(packedAudioProblem(packed)).toBeUndefined();
    expect(packedAudioProblem(new Uint8Array(packed).slice(73))).toMatch(/no ID3 PRIV frame/);
    expect(packedAudioProblem(new Uint8Array(packed).slice(0, 73))).toMatch(
      /no ADTS \(AAC\) frame after the ID3 tags at byte 73/,
    );
  });
});
