import { describe, expect, it } from 'vitest';
import { alignedAt, misaligned } from '../../../src/player/playback/RenditionLadder.js';
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

describe('alignedAt: taking over at fragment i while playlists grow', () => {
  const growing = { complete: false };

  it('lets a rendition take over once its playlist lists fragments 0..i with the same durations', () => {
    expect(alignedAt(playlist('240p', [1, 1, 1], growing), playlist('720p', [1, 1.0004], growing), 1)).toBeNull();
    // Either one may be complete already: the other only has to line up as far as it goes.
    expect(alignedAt(playlist('240p', [1, 1, 0.5]), playlist('720p', [1, 1], growing), 1)).toBeNull();
    expect(alignedAt(playlist('240p', [1, 1], growing), playlist('720p', [1, 1, 1, 0.5]), 1)).toBeNull();
  });

  it('says later while its playlist does not list fragment i yet', () => {
    expect(alignedAt(playlist('240p', [1, 1, 1], growing), playlist('720p', [1, 1], growing), 2)).toBe('later');
    expect(alignedAt(playlist('240p', [1, 1], growing), playlist('720p', [], growing), 0)).toBe('later');
  });

  it('refuses fragments that do not line up as far as both go, or a count one end already rules out', () => {
    expect(alignedAt(playlist('240p', [1, 1, 1], growing), playlist('720p', [2], growing), 2)).toMatch(
      /720p\/media.m3u8 against .*240p\/media.m3u8: fragment 0 lasts 2 s, not 1 s/,
    );
    // 720p ended after two fragments; 240p lists three: they cannot be the same segment.
    expect(alignedAt(playlist('240p', [1, 1, 1], growing), playlist('720p', [1, 1]), 2)).toMatch(
      /2 fragments, not 3 so far/,
    );
    expect(alignedAt(playlist('240p', [1, 1]), playlist('720p', [1, 1, 1], growing), 1)).toMatch(
      /3 fragments so far, not 2/,
    );
    expect(
      alignedAt(playlist('240p', [1, 1], { complete: false, ts: true }), playlist('720p', [1, 1], growing), 1),
    ).toMatch(/one MPEG-TS, one fMP4/);
  });

  it('keeps the complete rule once both playlists are complete', () => {
    expect(alignedAt(playlist('240p', [1, 1, 1]), playlist('720p', [1, 1]), 1)).toMatch(/2 fragments, not 3/);
    expect(alignedAt(playlist('240p', [1, 1]), playlist('720p', [1, 1]), 1)).toBeNull();
  });
});
