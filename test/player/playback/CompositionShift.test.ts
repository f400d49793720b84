// Runs in Node on the media scripts/make-test-media.ts wrote (npm run media): `bframes` is
// x264 defaults packaged by ffmpeg (composition delay 2 frames, edit list hiding it).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CompositionShift } from '../../../src/player/playback/CompositionShift.js';
import { mp4Boxes } from '../../../src/player/playback/mp4Boxes.js';

const read = (clip: string, file: string) => {
  const bytes = readFileSync(`test/media/${clip}/${file}`);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
};
const fragment = (clip: string, n = 0) => read(clip, `seg_${String(n).padStart(3, '0')}.m4s`);

/** Per trun: its version and every sample's composition offset (signed when version 1). */
function truns(bytes: ArrayBuffer): Array<{ version: number; offsets: number[] }> {
  const data = new Uint8Array(bytes);
  const view = new DataView(bytes);
  const found: Array<{ version: number; offsets: number[] }> = [];
  for (const moof of mp4Boxes(data, 0, data.length, 'moof'))
    for (const traf of mp4Boxes(data, moof.start, moof.end, 'traf'))
      for (const trun of mp4Boxes(data, traf.start, traf.end, 'trun')) {
        const version = view.getUint8(trun.start);
        const flags = view.getUint32(trun.start) & 0xffffff;
        const count = view.getUint32(trun.start + 4);
        let p = trun.start + 8 + (flags & 1 ? 4 : 0) + (flags & 4 ? 4 : 0);
        const offsets: number[] = [];
        for (let i = 0; i < count; i++) {
          p += (flags & 0x100 ? 4 : 0) + (flags & 0x200 ? 4 : 0) + (flags & 0x400 ? 4 : 0);
          if (!(flags & 0x800)) continue;
          offsets.push(version === 1 ? view.getInt32(p) : view.getUint32(p));
          p += 4;
        }
        found.push({ version, offsets });
      }
  return found;
}

/** media_time of each edit of each elst, in order (video track first in ffmpeg's output). */
function edits(init: ArrayBuffer): number[][] {
  const data = new Uint8Array(init);
  const view = new DataView(init);
  const out: number[][] = [];
  for (const moov of mp4Boxes(data, 0, data.length, 'moov'))
    for (const trak of mp4Boxes(data, moov.start, moov.end, 'trak'))
      for (const edts of mp4Boxes(data, trak.start, trak.end, 'edts'))
        for (const elst of mp4Boxes(data, edts.start, edts.end, 'elst')) {
          const count = view.getUint32(elst.start + 4);
          out.push(Array.from({ length: count }, (_, i) => view.getInt32(elst.start + 8 + i * 12 + 4)));
        }
  return out;
}

describe('CompositionShift', () => {
  it('leaves contract media (-bf 0) byte for byte as it was', () => {
    const shift = new CompositionShift();
    const init = read('intro', 'init.mp4');
    const frag = fragment('intro', 1);
    const before = [new Uint8Array(init.slice(0)), new Uint8Array(frag.slice(0))];
    shift.init(init);
    shift.fragment(frag);
    expect(shift.delay).toBe(0);
    expect(new Uint8Array(init)).toEqual(before[0]);
    expect(new Uint8Array(frag)).toEqual(before[1]);
  });

  it("takes x264's 2-frame delay out: video edit list cleared, video offsets shifted and signed, audio untouched", () => {
    const init = read('bframes', 'init.mp4');
    // ffmpeg's layout: an empty edit (-1), then the edit whose media_time hides the delay.
    expect(edits(init)).toEqual([
      [-1, 1024],
      [-1, 0],
    ]);
    const shift = new CompositionShift();
    shift.init(init);
    // 15360 Hz at 30 fps: 512 ticks a frame.
    expect(shift.delay).toBe(1024);
    expect(edits(init)).toEqual([
      [-1, 0],
      [-1, 0],
    ]);
    for (const n of [0, 1, 2]) {
      const frag = fragment('bframes', n);
      const [video, audio] = truns(frag.slice(0));
      shift.fragment(frag);
      const [shiftedVideo, shiftedAudio] = truns(frag);
      expect(video!.offsets[0], `fragment ${n} before`).toBe(1024);
      expect(shiftedVideo!.version).toBe(1);
      expect(shiftedVideo!.offsets).toEqual(video!.offsets.map((o) => o - 1024));
      expect(shiftedVideo!.offsets[0], `fragment ${n}: first picture at its decode time`).toBe(0);
      expect(Math.min(...shiftedVideo!.offsets)).toBeLessThan(0);
      expect(shiftedAudio).toEqual(audio);
    }
  });

  it('with no edit list, reads the delay from the first fragment', () => {
    const shift = new CompositionShift();
    const frag = fragment('bframes');
    shift.fragment(frag);
    expect(shift.delay).toBe(1024);
    expect(truns(frag)[0]!.offsets[0]).toBe(0);
    const next = fragment('bframes', 1);
    shift.fragment(next);
    expect(truns(next)[0]!.offsets[0]).toBe(0);
  });

  it('ignores bytes that are not fMP4, without throwing', () => {
    const shift = new CompositionShift();
    shift.init(new Uint8Array([0, 0, 0, 4, 1, 2, 3]).buffer);
    shift.fragment(new ArrayBuffer(0));
    expect(shift.delay).toBe(0);
  });
});

describe('CompositionShift on HEVC (libx265 defaults, packaged by ffmpeg)', () => {
  const hevc = (file: string) => read('hevc/video', file);
  /** The video track's mdhd timescale (ticks per second). */
  function timescale(init: ArrayBuffer): number {
    const data = new Uint8Array(init);
    const view = new DataView(init);
    const moov = mp4Boxes(data, 0, data.length, 'moov')[0]!;
    const trak = mp4Boxes(data, moov.start, moov.end, 'trak')[0]!;
    const mdia = mp4Boxes(data, trak.start, trak.end, 'mdia')[0]!;
    const mdhd = mp4Boxes(data, mdia.start, mdia.end, 'mdhd')[0]!;
    return view.getUint32(mdhd.start + (view.getUint8(mdhd.start) === 1 ? 20 : 12));
  }

  it('takes the delay its edit list hides out: every fragment then presents its pictures from its decode start, frame by frame', () => {
    const init = hevc('init.mp4');
    const [videoEdits] = edits(init.slice(0));
    const frame = timescale(init) / 30;
    const hidden = videoEdits!.find((t) => t !== -1)!;
    // x265's defaults reorder: the edit list hides a delay of whole frames (two at these settings).
    expect(hidden).toBeGreaterThan(0);
    expect(hidden % frame).toBe(0);
    const shift = new CompositionShift();
    shift.init(init);
    expect(shift.delay).toBe(hidden);
    expect(edits(init)[0]).toEqual(videoEdits!.map((t) => (t === -1 ? -1 : 0)));
    for (const n of [0, 1, 2]) {
      const frag = read('hevc/video', `seg_${String(n).padStart(3, '0')}.m4s`);
      const before = truns(frag.slice(0))[0]!.offsets;
      shift.fragment(frag);
      const [video] = truns(frag);
      expect(video!.version).toBe(1);
      expect(video!.offsets).toEqual(before.map((o) => o - hidden));
      // Presentation time of sample i (one frame per sample in decode order) + its offset:
      // after the shift the fragment shows frames 0…n−1 of its own span, each once, the
      // keyframe first, as -bf 0 media would.
      const shown = video!.offsets.map((o, i) => i + o / frame).sort((a, b) => a - b);
      expect(shown, `fragment ${n}`).toEqual(video!.offsets.map((_, i) => i));
      expect(video!.offsets[0], `fragment ${n}: keyframe at its decode time`).toBe(0);
    }
  });
});
