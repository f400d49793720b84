// TsTimeline places the real ffmpeg MPEG-TS fragments of test/media/ladder-ts (one encode per
// rendition, each with its own timestamp origin) on one continuous stream, switching
// rendition inside a segment (ADR 0015).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TsTimeline } from '../../../src/player/playback/TsTimeline.js';
import type { TsEntry } from '../../../src/player/playback/TsTimeline.js';
import { readTsTimes, TS_CLOCK } from '../../../src/player/playback/TsTimestamps.js';

const FRAME = TS_CLOCK / 30;
const url = (height: number, i: number) => `https://cdn.test/ladder-ts/${height}p/seg_00${i}.mpegts`;
const bytes = (height: number, i: number) => {
  const b = readFileSync(`test/media/ladder-ts/${height}p/seg_00${i}.mpegts`);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

/** A segment of the ladder at `start` s whose fragment i came from `heights[i]`. */
function entry(id: number, start: number, heights: number[]): TsEntry {
  const verified = heights.map((h, i) => ({
    url: url(h, i),
    duration: 1,
    mediaUrl: `https://cdn.test/ladder-ts/${h}p/media.m3u8`,
  }));
  return { start, fetch: { id, verified } };
}

/** The first picture's PTS of fragment i of `e`, once placed. */
function placed(ts: TsTimeline, e: TsEntry, i: number): number {
  const h = Number(/(\d+)p\//.exec(e.fetch.verified[i]!.url)![1]);
  return readTsTimes(ts.place(e, e.fetch.verified[i]!.url, bytes(h, i))).videoPts!;
}

describe('TsTimeline: a TS ladder on one continuous stream', () => {
  it('the renditions really start their timestamps at different origins', () => {
    const first = (h: number) => readTsTimes(bytes(h, 0)).videoPts!;
    expect(first(360) - first(240)).not.toBe(0);
    expect(Math.abs(first(720) - first(240))).toBeGreaterThan(90 * TS_CLOCK);
  });

  it('lands fragment i of every rendition where fragment i is listed: 240p, 720p from 1, 360p from 3, 720p again', () => {
    const ts = new TsTimeline();
    const e = entry(1, 0, [240, 720, 720, 360, 360, 720]);
    const at = [0, 1, 2, 3, 4, 5].map((i) => placed(ts, e, i));
    expect(at.map((pts) => (pts - at[0]!) / TS_CLOCK)).toEqual([0, 1, 2, 3, 4, 5]);
    // A TS timeline is presented its B-frame delay late (two frames for x264's defaults).
    expect(ts.offsetSeconds * TS_CLOCK).toBeCloseTo(2 * FRAME, 0);
  });

  it('keeps audio with its picture in each rendition (their offset as encoded)', () => {
    const ts = new TsTimeline();
    const e = entry(2, 0, [240, 720]);
    const offset = (h: number, i: number) => {
      const t = readTsTimes(bytes(h, i));
      return t.audioPts! - t.videoPts!;
    };
    const moved = [0, 1].map((i) => {
      const h = i === 0 ? 240 : 720;
      const t = readTsTimes(ts.place(e, e.fetch.verified[i]!.url, bytes(h, i)));
      return t.audioPts! - t.videoPts!;
    });
    expect(moved).toEqual([offset(240, 0), offset(720, 1)]);
  });

  it('a restart mid-segment and a second segment: each rendition based on its own first fragment', () => {
    const ts = new TsTimeline();
    // Restarted at 3.5 s: fragments 0..2 listed but never fetched; 3 on 240p, 4.. on 720p.
    const a = entry(3, 0, [240, 240, 240, 240, 720, 720, 720, 720]);
    const b = entry(4, 8, [720, 720, 360]);
    const three = placed(ts, a, 3);
    expect((placed(ts, a, 4) - three) / TS_CLOCK).toBe(1);
    expect((placed(ts, a, 7) - three) / TS_CLOCK).toBe(4);
    expect((placed(ts, b, 0) - three) / TS_CLOCK).toBe(5);
    expect((placed(ts, b, 2) - three) / TS_CLOCK).toBe(7);
  });
});
