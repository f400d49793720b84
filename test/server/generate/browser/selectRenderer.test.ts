// 'auto' asks chromium what it renders with; SwiftShader (this machine) means no GPU, so the
// CPU Skia path wins, the decision is logged once with the reason, and keys stay the CPU ones.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSoftwareRenderer } from '../../../../src/server/generate/browser/probeBrowser.js';
import type { Rendition } from '../../../../src/server/generate/index.js';
import { createProceduralGenerator, PROCEDURAL_VERSION } from '../../../../src/server/generate/index.js';

const tiny: Rendition = { name: '180p', width: 320, height: 180, maxrateKbps: 600 };
const root = mkdtempSync(join(tmpdir(), 'offshoot-auto-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("renderer 'auto'", () => {
  it('tells software rasterisers from GPUs by the WebGL renderer string', () => {
    expect(
      isSoftwareRenderer(
        'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      ),
    ).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('')).toBe(true);
    expect(
      isSoftwareRenderer('ANGLE (NVIDIA, Vulkan 1.3.277 (NVIDIA H100 80GB HBM3 (0x00002330)), NVIDIA-550.54.15)'),
    ).toBe(false);
    expect(isSoftwareRenderer('ANGLE (Intel, Mesa Intel(R) UHD Graphics 630 (CFL GT2), OpenGL 4.6)')).toBe(false);
  });

  it('picks the CPU path here, says why once, and renders with Skia', { timeout: 90_000 }, async () => {
    const logs: string[] = [];
    const gen = createProceduralGenerator({ renditions: [tiny], renderer: 'auto', log: (m) => logs.push(m) });
    try {
      expect(await gen.ready()).toBe('cpu');
      expect(await gen.ready()).toBe('cpu');
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatch(/^procedural renderer: cpu \(WebGL renderer is software \(.*SwiftShader.*\)/);
      expect(gen.version).toBe(PROCEDURAL_VERSION);
      const result = await gen.render(
        {
          key: 'auto',
          spec: { prompt: 'A calm meadow at noon.', seed: 1 },
          state: {},
          durationSeconds: 1,
          outDir: join(root, 'a'),
          segmentSeconds: 1,
        },
        { onProgress: () => {}, onSegment: () => {} },
        new AbortController().signal,
      );
      expect(result.path).toMatch(/^cpu-skia\+/);
      // A second generator in the same process reuses the cached probe: no second log line.
      const second = createProceduralGenerator({ renditions: [tiny], log: (m) => logs.push(m) });
      expect(await second.ready()).toBe('cpu');
      expect(logs).toHaveLength(1);
      await second.close();
    } finally {
      await gen.close();
    }
  });
});
