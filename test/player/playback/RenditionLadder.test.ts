import { describe, expect, it } from 'vitest';
import { misaligned } from '../../../src/player/playback/RenditionLadder.js';
import type { SegmentPlaylist } from '../../../src/player/playback/readSegmentPlaylist.js';

function playlist(
  name: string,
  durations: number[],
  options: { complete?: boolean; ts?: boolean } = {},
): SegmentPlaylist {
  const base = `https://cdn.test/ladder/${name}/`;
  return {
    mediaUrl: `${base}media.m3u8`,
    initUrl: options.ts ? '' : `${base}init.mp4`,
    fragments: durations.map((duration, i) => ({ url: `${base}seg_${i}.m4s`, duration })),
    complete: options.complete ?? true,
  };
}

describe('misaligned: when a rendition may take over at a fragment boundary', () => {
  it('accepts the same fragment durations (within a millisecond)', () => {
    expect(misaligned(playlist('240p', [1, 1, 1, 0.5]), playlist('720p', [1, 1.0004, 1, 0.5]))).toBeNull();
  });

  it('refuses fragments that do not line up, saying where', () => {
    expect(misaligned(playlist('240p', [1, 1, 1, 1]), playlist('720p', [2, 2]))).toMatch(
      /720p\/media.m3u8.*2 fragments, not 4/,
    );
    expect(misaligned(playlist('240p', [2, 2, 2]), playlist('720p', [2, 1.9, 2.1]))).toMatch(
      /fragment 1 lasts 1.9 s, not 2 s/,
    );
  });

  it('refuses a growing playlist, and MPEG-TS against fMP4 (hls.js cannot change SourceBuffer layout)', () => {
    expect(misaligned(playlist('240p', [1, 1]), playlist('720p', [1, 1], { complete: false }))).toMatch(/growing/);
    expect(misaligned(playlist('240p', [1, 1]), playlist('720p', [1, 1], { ts: true }))).toMatch(
      /one MPEG-TS, one fMP4/,
    );
  });

  it('accepts MPEG-TS renditions whose fragments line up (ADR 0015)', () => {
    expect(misaligned(playlist('240p', [1, 1], { ts: true }), playlist('720p', [1, 1], { ts: true }))).toBeNull();
  });
});
