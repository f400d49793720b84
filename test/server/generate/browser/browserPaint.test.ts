// The browser paints the SAME painter as the CPU path: deterministic, and close to Skia's
// pixels for the same scene (not identical: two rasterisers anti-alias and blend differently).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBrowserHost } from '../../../../src/server/generate/browser/createBrowserHost.js';
import type { PaintPageApi } from '../../../../src/server/generate/browser/PaintPageApi.js';
import type { Scene } from '../../../../src/server/generate/index.js';
import { composeScene, createFrameCanvas } from '../../../../src/server/generate/index.js';

const host = createBrowserHost();
const W = 640;
const H = 360;
const fox = {
  prompt: 'A fox carries a lantern through the forest at dusk, fireflies everywhere.',
  seed: 7,
  characters: [{ name: 'fox', color: '#e0702a' }],
};
const scene = (spec: typeof fox | { prompt: string; seed: number }) => composeScene(spec, {}, { durationSeconds: 3 });
let pages: Page[] = [];
afterAll(async () => {
  await Promise.all(pages.map((p) => p.close()));
  await host.close();
});
beforeAll(async () => {
  pages = [await host.openPage(), await host.openPage()];
});

const inPage = <K extends 'hash' | 'pixels'>(page: Page, method: K, sc: Scene, t: number) =>
  page.evaluate(
    ([m, s, w, h, time]) =>
      (globalThis as unknown as { offshootPaintPage: PaintPageApi }).offshootPaintPage[m](s, w, h, time),
    [method, sc, W, H, t] as const,
  );

/** Mean absolute difference over R, G and B (0..255). */
function mad(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 4)
    sum += Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
  return sum / ((a.length / 4) * 3);
}

describe('the paint page', () => {
  it('paints the same frame identically in two pages, and different frames differently', async () => {
    const sc = scene(fox);
    for (const t of [0.5, 1.7]) {
      const [a, b] = await Promise.all(pages.map((p) => inPage(p, 'hash', sc, t)));
      expect(a).toMatch(/^[0-9a-f]{64}$/);
      expect(b).toBe(a);
    }
    expect(await inPage(pages[0]!, 'hash', sc, 0.5)).not.toBe(await inPage(pages[0]!, 'hash', sc, 1.7));
  });

  it('paints what Skia paints for the same scene, far closer than any other scene', async () => {
    // Measured (640×360, t = 1 and 2.5): same scene 0.14–0.27; another prompt 41–81, the same
    // prompt with another seed ≈14. The bound of 1.5 leaves 5× room over the worst same-scene
    // value and stays 9× below the closest different frame.
    const other = { ...fox, seed: 8 };
    for (const t of [1, 2.5]) {
      const browser = Buffer.from(await inPage(pages[0]!, 'pixels', scene(fox), t), 'base64');
      expect(browser.length).toBe(W * H * 4);
      const same = mad(browser, createFrameCanvas(scene(fox), W, H).rgba(t));
      const otherSeed = mad(browser, createFrameCanvas(scene(other), W, H).rgba(t));
      const otherPrompt = mad(
        browser,
        createFrameCanvas(
          scene({ prompt: 'A robot walks along a neon city street at night in the rain.', seed: 7 }),
          W,
          H,
        ).rgba(t),
      );
      expect(same).toBeLessThan(1.5);
      expect(otherSeed).toBeGreaterThan(10 * same + 5);
      expect(otherPrompt).toBeGreaterThan(10 * same + 5);
    }
  });
});
