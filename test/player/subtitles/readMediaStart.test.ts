import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readMediaStart } from '../../../src/player/playback/subtitles/readMediaStart.js';

const MEDIA = 'test/media';
const bytes = (path: string) => new Uint8Array(readFileSync(`${MEDIA}/${path}`));

/** The first video packet's presentation time as ffprobe reads it (edit lists ignored: raw media timestamps). */
function ffprobeFirstPts(input: string, mp4 = false, entry = 'pts_time'): number {
  const out = execFileSync('ffprobe', [
    ...['-v', 'error', ...(mp4 ? ['-ignore_editlist', '1'] : []), '-select_streams', 'v:0'],
    ...['-show_entries', `packet=${entry}`, '-read_intervals', '%+#1', '-of', 'csv=p=0', input],
  ]);
  return Number.parseFloat(String(out).trim());
}

describe('readMediaStart (ffmpeg-made media)', () => {
  it('MPEG-TS: the first video PES PTS, and its DTS as cue time 0, from the first 16 KiB only', () => {
    const ts = bytes('bframes-ts/seg_000.mpegts');
    const media = readMediaStart(ts.subarray(0, 16384), undefined)!;
    expect(media.start).toBeCloseTo(ffprobeFirstPts(`${MEDIA}/bframes-ts/seg_000.mpegts`), 4);
    expect(media.cueZero).toBeCloseTo(ffprobeFirstPts(`${MEDIA}/bframes-ts/seg_000.mpegts`, false, 'dts_time'), 4);
    expect(media.start).toBeGreaterThan(1); // ffmpeg's mux delay: cues timed from 0 would be 1.4 s early
    expect(media.cueZero).toBeCloseTo(1.4, 4); // the delay itself: ffmpeg's output timeline starts at DTS 0
  });

  it('fMP4 with B-frames: tfdt plus the first sample composition offset, over the mdhd timescale', () => {
    const init = bytes('bframes/init.mp4');
    const head = bytes('bframes/seg_001.m4s').subarray(0, 16384);
    const media = readMediaStart(head, init)!;
    const concat = `concat:${MEDIA}/bframes/init.mp4|${MEDIA}/bframes/seg_001.m4s`;
    expect(media.start).toBeCloseTo(ffprobeFirstPts(concat, true), 3);
    expect(media.start).toBeGreaterThan(0.9);
    expect(media.cueZero).toBe(0); // RFC 8216 §3.5: cue time 0 is media time 0
  });

  it('bytes that say nothing give undefined', () => {
    expect(readMediaStart(new Uint8Array(400), undefined)).toBeUndefined();
    expect(readMediaStart(new Uint8Array(64), bytes('bframes/init.mp4'))).toBeUndefined();
  });
});
