// The codec part of the rendition choice, on the master ffmpeg wrote for `hevc-h264` (HEVC and
// H.264 at 360p and 720p; npm run media). Whether the browser decodes HEVC is the input: in
// Debian's chromium MediaSource.isTypeSupported says no (hevc.browser.test.ts plays it there),
// in Safari or Chrome with a hardware decoder it says yes, which this machine cannot show.
import { readFileSync } from 'node:fs';
import { Parser } from 'm3u8-parser';
import { describe, expect, it } from 'vitest';
import { hevcLadder, selectVariant } from '../../../src/player/playback/selectVariant.js';
import type { VariantContext } from '../../../src/player/playback/selectVariant.js';

const parser = new Parser();
parser.push(readFileSync('test/media/hevc-h264/index.m3u8', 'utf8'));
parser.end();
const variants = parser.manifest.playlists!;

const noHevc = (type: string) => !/codecs="(hvc1|hev1)/.test(type);
const everything = () => true;
const pick = (isSupported: VariantContext['isSupported'], estimateBps: number | null, current?: string) =>
  selectVariant(
    variants,
    { estimateBps, bufferAheadSeconds: 4, playing: true, fragmentSeconds: 1, maxHeight: 720, isSupported },
    variants.find((v) => v.uri === current),
  )?.uri;

describe('selectVariant: codec support and one codec family per segment', () => {
  it('the master lists HEVC first, as ffmpeg wrote it', () => {
    expect(variants.map((v) => v.attributes.CODECS)).toEqual([
      expect.stringMatching(/^hvc1\./),
      expect.stringMatching(/^hvc1\./),
      expect.stringMatching(/^avc1\./),
      expect.stringMatching(/^avc1\./),
    ]);
  });

  it('where the browser lacks HEVC: only the H.264 variants, at any estimate', () => {
    expect(pick(noHevc, null)).toBe('h264-360p/media.m3u8');
    expect(pick(noHevc, 50e6, 'h264-360p/media.m3u8')).toBe('h264-720p/media.m3u8');
    expect(pick(noHevc, 50e6)).toMatch(/^h264-/);
  });

  it('where MediaSource.isTypeSupported says yes to HEVC: the HEVC variants', () => {
    expect(pick(everything, null)).toBe('hevc-360p/media.m3u8');
    expect(pick(everything, 50e6, 'hevc-360p/media.m3u8')).toBe('hevc-720p/media.m3u8');
  });

  it('never changes codec inside a segment: a segment on H.264 stays on H.264 (and HEVC on HEVC)', () => {
    expect(pick(everything, 50e6, 'h264-360p/media.m3u8')).toBe('h264-720p/media.m3u8');
    expect(pick(everything, null, 'h264-720p/media.m3u8')).toMatch(/^h264-/);
    expect(pick(everything, null, 'hevc-720p/media.m3u8')).toMatch(/^hevc-/);
    expect(pick(noHevc, 50e6, 'hevc-360p/media.m3u8')).toMatch(/^h264-/); // not playable: left
  });

  it('nothing playable: undefined (the engine reports media-incompatible)', () => {
    expect(pick(() => false, 50e6)).toBeUndefined();
    expect(pick((t) => !noHevc(t), null)).toBe('hevc-360p/media.m3u8');
  });

  it('hevcLadder: HEVC as soon as one playable variant is HEVC, unless the segment is on another codec', () => {
    const only = (family: RegExp) => variants.filter((v) => family.test(v.attributes.CODECS ?? ''));
    expect(hevcLadder(only(/^avc1/))).toBe(false);
    expect(hevcLadder([...only(/^avc1/), ...only(/^hvc1/)])).toBe(true);
    expect(hevcLadder(variants, only(/^avc1/)[0])).toBe(false);
    expect(hevcLadder([])).toBe(false);
  });
});
