// The browser render path end to end, here on SwiftShader (no GPU on this machine): real
// chromium paints and encodes with WebCodecs, real ffmpeg muxes, ffprobe checks the contract.
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Rendition } from '../../../../src/server/generate/index.js';
import {
  createProceduralGenerator,
  PROCEDURAL_VERSION,
  RENDITION_360P,
} from '../../../../src/server/generate/index.js';
import { audioMatchesVideo, masterVariants, mediaSegments, probeAudio, probeHls } from '../support/probeHls.js';

const small: Rendition = { name: '180p', width: 320, height: 180, maxrateKbps: 600, level: '3.0' };
const root = mkdtempSync(join(tmpdir(), 'offshoot-browser-'));
const gen = createProceduralGenerator({ renditions: [small, RENDITION_360P], renderer: 'browser' });
afterAll(async () => {
  await gen.close();
  rmSync(root, { recursive: true, force: true });
});

/** avc1.PPCCLL straight from the init segment's avcC box (profile, constraint flags, level). */
function avcCFromInit(path: string): string {
  const bytes = readFileSync(path);
  const at = bytes.indexOf('avcC');
  if (at < 0) throw new Error(`no avcC in ${path}`);
  return `avc1.${[...bytes.subarray(at + 5, at + 8)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

describe('procedural generator, browser path (chromium + WebCodecs + ffmpeg copy)', () => {
  it('renders two renditions of a 2 s spec into contract-following fMP4 HLS', { timeout: 120_000 }, async () => {
    const outDir = join(root, 'clip');
    const ready: number[] = [];
    let progress = 0;
    const result = await gen.render(
      {
        key: 'b1',
        spec: { prompt: 'A fox carries a lantern through the forest at dusk.', seed: 4 },
        state: {},
        durationSeconds: 2,
        outDir,
        segmentSeconds: 1,
      },
      { onProgress: (p) => (progress = p), onSegment: (s) => ready.push(s) },
      new AbortController().signal,
    );
    expect(result).toMatchObject({ playlist: 'index.m3u8', frames: 60 });
    // What ran, honestly: on a host without a GPU, SwiftShader raster and a software encoder.
    expect(result.path).toMatch(/^(swiftshader|software|gpu)-canvas\+webcodecs-(sw|hw)$/);
    if (!process.env.OFFSHOOT_EXPECT_GPU) expect(result.path).toBe('swiftshader-canvas+webcodecs-sw');
    expect(gen.version).toBe(`${PROCEDURAL_VERSION}+browser`);
    expect(progress).toBe(1);
    expect(ready.at(-1)).toBe(2);

    for (const r of [small, RENDITION_360P]) {
      const playlist = join(outDir, `${r.name}.m3u8`);
      expect(mediaSegments(outDir, `${r.name}.m3u8`).map((s) => s.duration)).toEqual([1, 1]);
      const probe = probeHls(playlist);
      expect(probe.stream).toMatchObject({
        codec_name: 'h264',
        has_b_frames: 0,
        width: r.width,
        height: r.height,
        r_frame_rate: '30/1',
      });
      // Chromium's encoder converts the canvas to full-range BT.709 and says so in the SPS (VUI),
      // which ffprobe names yuvj420p; players honour the flag. x264 writes limited range.
      expect(['yuv420p', 'yuvj420p']).toContain(probe.stream.pix_fmt);
      expect(probe.frames).toBe(60);
      // An IDR at each segment start and nowhere else (times count from the first frame; see the CPU test).
      const first = probe.keyframes[0]!;
      expect(first).toBeLessThan(0.025);
      expect(probe.keyframes.map((k) => Math.round((k - first) * 1000) / 1000)).toEqual([0, 1]);
      const audio = probeAudio(playlist);
      expect(audio.stream).toMatchObject({ codec_name: 'aac', profile: 'LC', sample_rate: '48000', channels: 2 });
      expect(audioMatchesVideo(audio, probe), JSON.stringify({ audio, first, frames: probe.frames })).toBe(true);
      const variant = masterVariants(outDir).find((v) => v.uri === `${r.name}.m3u8`);
      expect(variant?.attrs.CODECS).toBe(`${avcCFromInit(join(outDir, `${r.name}-init.mp4`))},mp4a.40.2`);
      expect(variant?.attrs.RESOLUTION).toBe(`${r.width}x${r.height}`);
    }
    expect(readdirSync(outDir).filter((n) => n.includes('.tmp') || n.startsWith('.staging'))).toEqual([]);
  });
});

describe('procedural generator, browser path with readback (chromium paints, ffmpeg encodes)', () => {
  it('renders valid HLS under its own version and path name', { timeout: 120_000 }, async () => {
    const readback = createProceduralGenerator({
      renditions: [small],
      renderer: 'browser',
      browserEncode: 'readback',
      encoder: 'libx264',
    });
    const outDir = join(root, 'readback');
    try {
      const result = await readback.render(
        {
          key: 'b2',
          spec: { prompt: 'A lighthouse by the sea at night.', seed: 2 },
          state: {},
          durationSeconds: 1,
          outDir,
          segmentSeconds: 1,
        },
        { onProgress: () => {}, onSegment: () => {} },
        new AbortController().signal,
      );
      expect(result.frames).toBe(30);
      expect(result.path).toMatch(/-canvas\+readback\+libx264$/);
      expect(readback.version).toBe(`${PROCEDURAL_VERSION}+browser-readback`);
      const probe = probeHls(join(outDir, '180p.m3u8'));
      expect(probe.stream).toMatchObject({
        codec_name: 'h264',
        profile: 'High',
        has_b_frames: 0,
        width: 320,
        height: 180,
      });
      expect(probe.frames).toBe(30);
      expect(probeAudio(join(outDir, '180p.m3u8')).stream).toMatchObject({ codec_name: 'aac' });
    } finally {
      await readback.close();
    }
  });
});
