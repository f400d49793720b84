// Runs in Node on media scripts/makeAltAudioMedia.ts made (npm run media): `beep-alt` is a
// video-only fMP4 variant with its sound in separate fMP4 audio renditions, both with track
// ID 1. The muxed result is checked by ffprobe/ffmpeg (real tools), not only by our own parser.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { muxInitSections } from '../../../src/player/playback/audio/muxInitSections.js';
import { muxFragments } from '../../../src/player/playback/audio/muxFragments.js';
import { mp4Boxes, mp4Path } from '../../../src/player/playback/mp4Boxes.js';
import { PlaybackError } from '../../../src/player/playback/PlaybackError.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'alt-audio-mux-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (path: string) => {
  const bytes = readFileSync(`test/media/${path}`);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};
const seg = (n: number) => `seg_${String(n).padStart(3, '0')}.m4s`;
/** The audio playlist's fragment durations (1.002667 s: they never line up with the video's 1 s). */
const AUDIO_STARTS = [0, 1.002667, 2.005333, 3.008];

/** track_ID of every tkhd, trex and tfhd, in file order. */
function ids(bytes: ArrayBuffer): { tkhd: number[]; trex: number[]; tfhd: number[]; next: number[] } {
  const data = new Uint8Array(bytes);
  const view = new DataView(bytes);
  const out = { tkhd: [] as number[], trex: [] as number[], tfhd: [] as number[], next: [] as number[] };
  for (const moov of mp4Boxes(data, 0, data.length, 'moov')) {
    const mvhd = mp4Path(data, moov, ['mvhd'])!;
    out.next.push(view.getUint32(mvhd.end - 4));
    for (const trak of mp4Boxes(data, moov.start, moov.end, 'trak'))
      out.tkhd.push(view.getUint32(mp4Path(data, trak, ['tkhd'])!.start + 12));
    for (const mvex of mp4Boxes(data, moov.start, moov.end, 'mvex'))
      for (const trex of mp4Boxes(data, mvex.start, mvex.end, 'trex')) out.trex.push(view.getUint32(trex.start + 4));
  }
  for (const moof of mp4Boxes(data, 0, data.length, 'moof'))
    for (const traf of mp4Boxes(data, moof.start, moof.end, 'traf'))
      out.tfhd.push(view.getUint32(mp4Path(data, traf, ['tfhd'])!.start + 4));
  return out;
}

/** Mux beep-alt's video with one language, each audio fragment after the video fragment its start falls in. */
function muxClip(lang: 'en' | 'fr'): ArrayBuffer[] {
  const init = muxInitSections(read('beep-alt/video/init.mp4'), read(`beep-alt/${lang}/init.mp4`), 'v', 'a');
  const parts = [init.bytes];
  for (let v = 0; v < 3; v++) {
    const audio = AUDIO_STARTS.flatMap((start, a) =>
      (start >= v && start < v + 1) || (v === 2 && start >= 2) ? [a] : [],
    );
    parts.push(
      muxFragments(
        read(`beep-alt/video/${seg(v)}`),
        audio.map((a) => read(`beep-alt/${lang}/${seg(a)}`)),
        init.audioTrackId,
        audio.map(seg),
      ),
    );
  }
  return parts;
}

/** Where each beep starts in a file's decoded audio (mono float at 48 kHz, first sample above 0.1), seconds. */
async function beepOnsets(file: string): Promise<number[]> {
  const pcm = await run('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:a', '-ac', '1', '-f', 'f32le', '-'], {
    encoding: 'buffer',
    maxBuffer: 64 << 20,
  });
  const samples = new Float32Array(pcm.stdout.buffer, pcm.stdout.byteOffset, pcm.stdout.byteLength / 4);
  const onsets: number[] = [];
  for (let i = 0; i < samples.length; i++)
    if (Math.abs(samples[i]!) > 0.1 && (onsets.length === 0 || i / 48000 - onsets.at(-1)! > 0.5))
      onsets.push(i / 48000);
  return onsets;
}

describe('muxing a separate audio rendition into fMP4 video at box level', () => {
  it('one init section with both tracks: audio renumbered past video in tkhd, trex and next_track_ID', () => {
    const { bytes, audioTrackId } = muxInitSections(
      read('beep-alt/video/init.mp4'),
      read('beep-alt/en/init.mp4'),
      'v',
      'a',
    );
    expect(audioTrackId).toBe(2);
    expect(ids(bytes)).toEqual({ tkhd: [1, 2], trex: [1, 2], tfhd: [], next: [3] });
    // The sources were not touched (a prefetch may mux the same bytes again).
    expect(ids(read('beep-alt/en/init.mp4')).tkhd).toEqual([1]);
  });

  it("fragments: each audio moof+mdat with the new track ID, then the video's; styp/sidx of the audio left out", () => {
    const parts = muxClip('en');
    expect(ids(parts[1]!).tfhd).toEqual([2, 1]);
    expect(ids(parts[3]!).tfhd).toEqual([2, 2, 1]); // the last video fragment takes the 21 ms tail too
    const top = (bytes: ArrayBuffer) => {
      const data = new Uint8Array(bytes);
      const names: string[] = [];
      for (let at = 0; at < data.length; at += new DataView(bytes).getUint32(at))
        names.push(String.fromCharCode(...data.subarray(at + 4, at + 8)));
      return names;
    };
    expect(top(parts[1]!)).toEqual(['styp', 'sidx', 'moof', 'mdat', 'moof', 'mdat']);
  });

  it('ffprobe reads one H.264 and one AAC stream; ffmpeg decodes the beeps exactly where the rendition alone has them', async () => {
    const muxed = join(dir, 'muxed.mp4');
    writeFileSync(muxed, Buffer.concat(muxClip('en').map((b) => Buffer.from(b))));
    const alone = join(dir, 'alone.mp4');
    const files = ['init.mp4', ...[0, 1, 2, 3].map(seg)].map((f) => Buffer.from(read(`beep-alt/en/${f}`)));
    writeFileSync(alone, Buffer.concat(files));
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_name,nb_read_frames',
      '-count_frames',
      '-of',
      'csv=p=0',
      muxed,
    ]);
    // 90 pictures; 142 AAC frames = every audio fragment once (47 + 47 + 47 + 1).
    expect(stdout.trim().split('\n').sort()).toEqual(['aac,142', 'h264,90']);
    const [inMux, inRendition] = [await beepOnsets(muxed), await beepOnsets(alone)];
    console.log(
      `[alt audio] beep onsets decoded: muxed ${inMux.join(', ')} s; rendition alone ${inRendition.join(', ')} s`,
    );
    expect(inMux).toHaveLength(3);
    // Sample-exact: muxing moves no audio sample (the 21 ms over 0.5/1.5/2.5 s is the
    // encoder's AAC priming, there in the rendition alone as well).
    expect(inMux).toEqual(inRendition);
    inMux.forEach((t, i) => expect(Math.abs(t - [0.5, 1.5, 2.5][i]!)).toBeLessThan(1 / 30));
  });

  it('a variant that has its own audio track and names a separate rendition too is refused, naming the URL', () => {
    expect(() =>
      muxInitSections(read('beep-muxed/init.mp4'), read('beep-alt/en/init.mp4'), 'https://x/v.mp4', 'a'),
    ).toThrow(PlaybackError);
    expect(() =>
      muxInitSections(read('beep-muxed/init.mp4'), read('beep-alt/en/init.mp4'), 'https://x/v.mp4', 'a'),
    ).toThrow(/https:\/\/x\/v\.mp4: .*carries its own audio track/);
  });
});
