// PES timestamps and PCRs of a real ffmpeg MPEG-TS fragment (test/media/bframes-ts), read and moved.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTsTimes, shiftTsTimestamps, TS_CLOCK } from '../../../src/player/playback/TsTimestamps.js';

const fragment = () => {
  const b = readFileSync('test/media/bframes-ts/seg_000.mpegts');
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

/** Every PCR base in the fragment (adaptation fields with PCR_flag). */
function pcrs(data: ArrayBuffer): number[] {
  const b = new Uint8Array(data);
  const out: number[] = [];
  for (let at = 0; at + 188 <= b.length; at += 188)
    if ((b[at + 3]! >> 4) & 2 && b[at + 4]! >= 7 && b[at + 5]! & 0x10)
      out.push(b[at + 6]! * 2 ** 25 + b[at + 7]! * 2 ** 17 + b[at + 8]! * 2 ** 9 + b[at + 9]! * 2 + (b[at + 10]! >> 7));
  return out;
}

describe('MPEG-TS timestamps', () => {
  it("reads the first picture's PTS and DTS (x264 B-frames: two frames apart) and the first audio PTS", () => {
    const t = readTsTimes(fragment());
    expect(t.videoPts! - t.videoDts!).toBe((2 * TS_CLOCK) / 30);
    expect(t.audioPts).not.toBeNull();
  });

  it('moves every PTS, DTS and PCR by the same ticks, forwards and back, media bytes untouched', () => {
    const data = fragment();
    const before = readTsTimes(data);
    const pcrBefore = pcrs(data);
    expect(pcrBefore.length).toBeGreaterThan(0);
    shiftTsTimestamps(data, 3 * TS_CLOCK);
    const after = readTsTimes(data);
    expect(after.videoPts! - before.videoPts!).toBe(3 * TS_CLOCK);
    expect(after.videoDts! - before.videoDts!).toBe(3 * TS_CLOCK);
    expect(after.audioPts! - before.audioPts!).toBe(3 * TS_CLOCK);
    expect(pcrs(data).map((p, i) => p - pcrBefore[i]!)).toEqual(pcrBefore.map(() => 3 * TS_CLOCK));
    shiftTsTimestamps(data, -3 * TS_CLOCK);
    expect(Buffer.from(data)).toEqual(Buffer.from(fragment()));
  });

  it('wraps at 2^33 like the 33-bit clock', () => {
    const data = fragment();
    const { videoPts } = readTsTimes(data);
    shiftTsTimestamps(data, 2 ** 33 - videoPts!); // the first picture lands on 0
    expect(readTsTimes(data).videoPts).toBe(0);
  });
});
