import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readMediaStart } from '../../../src/player/playback/subtitles/readMediaStart.js';

const MEDIA = 'test/media';
const bytes = (path: string) => new Uint8Array(readFileSync(`${MEDIA}/${path}`));

/** The first video packet's presentation time as ffprobe reads it (edit lists ignored: raw media timestamps). */
function ffprobeFirstPts(input: string, mp4 = false): number {
  const out = execFileSync('ffprobe', [
    ...['-v', 'error', ...(mp4 ? ['-ignore_editlist', '1'] : []), '-select_streams', 'v:0'],
    ...['-show_entries', 'packet=pts_time', '-read_intervals', '%+#1', '-of', 'csv=p=0', input],
  ]);
  return Number.parseFloat(String(out).trim());
}

describe('readMediaStart (ffmpeg-made media)', () => {
  it('MPEG-TS: the first video PES PTS, from the first 16 KiB only', () => {
    const ts = bytes('bframes-ts/seg_000.mpegts');
    const start = readMediaStart(ts.subarray(0, 16384), undefined);
    expect(start).toBeCloseTo(ffprobeFirstPts(`${MEDIA}/bframes-ts/seg_000.mpegts`), 4);
    expect(start).toBeGreaterThan(1); // ffmpeg's mux delay: cues timed from 0 would be 1.4 s early
  });

  it('fMP4 with B-frames: tfdt plus the first sample composition offset, over the mdhd timescale', () => {
    const init = bytes('bframes/init.mp4');
    const head = bytes('bframes/seg_001.m4s').subarray(0, 16384);
    const start = readMediaStart(head, init);
    const concat = `concat:${MEDIA}/bframes/init.mp4|${MEDIA}/bframes/seg_001.m4s`;
    expect(start).toBeCloseTo(ffprobeFirstPts(concat, true), 3);
    expect(start).toBeGreaterThan(0.9);
  });

  it('bytes that say nothing give undefined', () => {
    expect(readMediaStart(new Uint8Array(400), undefined)).toBeUndefined();
    expect(readMediaStart(new Uint8Array(64), bytes('bframes/init.mp4'))).toBeUndefined();
  });
});
