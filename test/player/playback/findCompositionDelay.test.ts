// Runs in Node on the fragments scripts/make-test-media.ts wrote (npm run media).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findCompositionDelay } from '../../../src/player/playback/findCompositionDelay.js';

const fragment = (clip: string, n = 0) =>
  new Uint8Array(readFileSync(`test/media/${clip}/seg_${String(n).padStart(3, '0')}.m4s`));

describe('findCompositionDelay', () => {
  it('is 0 for media that follows the splicing contract (-bf 0)', () => {
    for (const clip of ['intro', 'forest', 'a']) expect(findCompositionDelay(fragment(clip)), clip).toBe(0);
    expect(findCompositionDelay(fragment('forest', 3))).toBe(0);
  });

  it('finds the leading delay x264 default B-frames leave', () => {
    // ffmpeg's 15360 Hz video timescale at 30 fps: 512 ticks a frame; x264 defaults delay 2 frames.
    expect(findCompositionDelay(fragment('bframes'))).toBe(1024);
  });

  it('returns 0 for bytes that are not a fragment, without throwing', () => {
    expect(findCompositionDelay(new Uint8Array([0, 0, 0, 4, 1, 2, 3]))).toBe(0);
    expect(findCompositionDelay(new Uint8Array(0))).toBe(0);
  });
});
