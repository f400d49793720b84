import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Rendition } from '../../../src/server/generate/index.js';
import { createProceduralGenerator } from '../../../src/server/generate/index.js';
import { expectedAvc1, masterVariants, mediaSegments, probeHls } from './support/probeHls.js';

const tiny: Rendition = { name: '180p', width: 320, height: 180, maxrateKbps: 600 };
const root = mkdtempSync(join(tmpdir(), 'offshoot-gen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const spec = { prompt: 'A fox carries a lantern through the forest at dusk.', seed: 4, characters: [{ name: 'fox', color: 'ginger' }] };

describe('procedural generator, end to end through ffmpeg', () => {
  it('renders contract-following fMP4 HLS and publishes segments progressively', async () => {
    const outDir = join(root, 'clip');
    const gen = createProceduralGenerator({ renditions: [tiny] });
    expect(gen.id).toBe('procedural');
    let progress = 0;
    const calls: { ready: number; progress: number; masterThere: boolean; segmentsThere: boolean }[] = [];
    const result = await gen.render(
      { key: 'k1', spec, state: {}, durationSeconds: 3, outDir, segmentSeconds: 1 },
      {
        onProgress: (p) => (progress = p),
        onSegment: (ready) =>
          calls.push({
            ready,
            progress,
            masterThere: existsSync(join(outDir, 'index.m3u8')),
            segmentsThere: mediaSegments(outDir, '180p.m3u8').length >= Math.round(ready),
          }),
      },
      new AbortController().signal,
    );
    expect(result).toMatchObject({ playlist: 'index.m3u8', frames: 90 });
    expect(result.path).toMatch(/^cpu-skia\+(libx264|h264_nvenc)$/);
    // Progressive: the head was playable (master + listed segments in place) before all frames were written.
    expect(calls.map((c) => c.ready)).toEqual([...calls.map((c) => c.ready)].sort((a, b) => a - b));
    expect(calls.at(-1)?.ready).toBe(3);
    // The first segment was announced while later ones were still being encoded.
    expect(calls[0]!.ready).toBeLessThan(3);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.every((c) => c.masterThere && c.segmentsThere)).toBe(true);

    const segs = mediaSegments(outDir, '180p.m3u8');
    expect(segs.map((s) => s.duration)).toEqual([1, 1, 1]);
    const probe = probeHls(join(outDir, '180p.m3u8'));
    expect(probe.stream).toMatchObject({ codec_name: 'h264', profile: 'High', has_b_frames: 0, width: 320, height: 180, pix_fmt: 'yuv420p', r_frame_rate: '30/1' });
    expect(probe.frames).toBe(90);
    for (const start of [0, 1, 2]) expect(probe.keyframes.some((k) => Math.abs(k - start) < 0.001)).toBe(true);

    const [variant] = masterVariants(outDir);
    expect(variant?.uri).toBe('180p.m3u8');
    expect(variant?.attrs.CODECS).toBe(expectedAvc1(String(probe.stream.profile), Number(probe.stream.level)));
    const peak = Math.max(...segs.map((s) => (s.bytes * 8) / s.duration));
    expect(Number(variant?.attrs.BANDWIDTH)).toBeGreaterThanOrEqual(Math.floor(peak));
    expect(Number(variant?.attrs.BANDWIDTH)).toBeLessThan(peak * 1.01 + 1);
    expect(variant?.attrs.RESOLUTION).toBe('320x180');
    expect(readdirSync(outDir).filter((n) => n.includes('.tmp') || n.startsWith('.staging'))).toEqual([]);
  });

  it('stops ffmpeg promptly on abort and leaves no temporary files', async () => {
    const outDir = join(root, 'aborted');
    const gen = createProceduralGenerator({ renditions: [tiny] });
    const ac = new AbortController();
    let abortedAt = 0;
    const running = gen.render(
      { key: 'k2', spec, state: {}, durationSeconds: 20, outDir, segmentSeconds: 1 },
      {
        onProgress: () => {},
        onSegment: () => {
          if (!ac.signal.aborted) {
            abortedAt = performance.now();
            ac.abort();
          }
        },
      },
      ac.signal,
    );
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - abortedAt).toBeLessThan(3000);
    const ps = execFileSync('ps', ['-eo', 'args']).toString();
    expect(ps).not.toContain(outDir);
    expect(readdirSync(outDir).filter((n) => n.includes('.tmp') || n.startsWith('.staging'))).toEqual([]);
  });
});
