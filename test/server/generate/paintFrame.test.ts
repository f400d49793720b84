import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFrameCanvas } from '../../../src/server/generate/procedural/render/createFrameCanvas.js';
import { composeScene } from '../../../src/server/generate/procedural/scene/composeScene.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const frame = (
  prompt: string,
  state: Record<string, string> = {},
  t = 1,
  characters?: { name: string; color: string }[],
) =>
  createFrameCanvas(
    composeScene({ prompt, seed: 21, ...(characters ? { characters } : {}) }, state, { durationSeconds: 3 }),
    320,
    180,
  ).rgba(t);

/** Pixels within `tol` (per channel) of an RGB colour. */
function countNear(rgba: Buffer, [r, g, b]: [number, number, number], tol: number): number {
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (Math.abs(rgba[i]! - r) <= tol && Math.abs(rgba[i + 1]! - g) <= tol && Math.abs(rgba[i + 2]! - b) <= tol) n++;
  }
  return n;
}

describe('paintFrame on the CPU canvas', () => {
  it('paints byte-identical frames for the same inputs', () => {
    const a = frame('A fox carries a lantern through the forest at dusk', {}, 0);
    const b = frame('A fox carries a lantern through the forest at dusk', {}, 0);
    expect(a.length).toBe(320 * 180 * 4);
    expect(sha(a)).toBe(sha(b));
    expect(sha(frame('A fox carries a lantern through the forest at dusk', {}, 0.5))).not.toBe(sha(a));
  });

  it('paints substantially different pictures for "forest" and "city"', () => {
    const forest = frame('A quiet walk through the forest at dusk');
    const city = frame('A quiet walk through the city at dusk');
    let diff = 0;
    for (let i = 0; i < forest.length; i += 4) {
      diff +=
        Math.abs(forest[i]! - city[i]!) +
        Math.abs(forest[i + 1]! - city[i + 1]!) +
        Math.abs(forest[i + 2]! - city[i + 2]!);
    }
    expect(diff / (320 * 180 * 3)).toBeGreaterThan(12);
  });

  it('draws the character in the colour from state', () => {
    const characters = [{ name: 'fox', color: '{foxColor}' }];
    const prompt = 'A fox walks across the meadow on a sunny day';
    const magenta = frame(prompt, { foxColor: '#d01090' }, 1, characters);
    const orange = frame(prompt, { foxColor: '#e0702a' }, 1, characters);
    expect(countNear(magenta, [0xd0, 0x10, 0x90], 10)).toBeGreaterThan(150);
    expect(countNear(orange, [0xd0, 0x10, 0x90], 10)).toBe(0);
    expect(countNear(orange, [0xe0, 0x70, 0x2a], 10)).toBeGreaterThan(150);
  });
});
