import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Rendition } from '../../../src/server/generate/index.js';
import { createProceduralGenerator } from '../../../src/server/generate/index.js';
import {
  audioMatchesVideo,
  expectedAvc1,
  masterVariants,
  measureAudio,
  mediaSegments,
  probeAudio,
  probeHls,
} from './support/probeHls.js';

const tiny: Rendition = { name: '180p', width: 320, height: 180, maxrateKbps: 600 };
const root = mkdtempSync(join(tmpdir(), 'offshoot-gen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const spec = {
  prompt: 'A fox carries a lantern through the forest at dusk.',
  seed: 4,
  characters: [{ name: 'fox', color: 'ginger' }],
};

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
    expect(probe.stream).toMatchObject({
      codec_name: 'h264',
      profile: 'High',
      has_b_frames: 0,
      width: 320,
      height: 180,
      pix_fmt: 'yuv420p',
      r_frame_rate: '30/1',
    });
    expect(probe.frames).toBe(90);
    // Keyframes at every segment start. Times count from the first video frame: the muxer shifts
    // the whole timeline by the AAC encoder's priming (~21 ms) so audio does not start negative,
    // exactly as in the authored media (scripts/make-test-media.ts).
    const first = probe.keyframes[0]!;
    expect(first).toBeLessThan(0.025);
    for (const start of [0, 1, 2]) expect(probe.keyframes.some((k) => Math.abs(k - first - start) < 0.001)).toBe(true);
    // Muxed AAC-LC ambience, as long as the picture (to within one 21.3 ms AAC frame).
    const audio = probeAudio(join(outDir, '180p.m3u8'));
    expect(audio.stream).toMatchObject({ codec_name: 'aac', profile: 'LC', sample_rate: '48000', channels: 2 });
    expect(audioMatchesVideo(audio, probe), JSON.stringify({ audio, video: [probe.keyframes[0], probe.frames] })).toBe(
      true,
    );

    const [variant] = masterVariants(outDir);
    expect(variant?.uri).toBe('180p.m3u8');
    expect(variant?.attrs.CODECS).toBe(
      `${expectedAvc1(String(probe.stream.profile), Number(probe.stream.level))},mp4a.40.2`,
    );
    const peak = Math.max(...segs.map((s) => (s.bytes * 8) / s.duration));
    expect(Number(variant?.attrs.BANDWIDTH)).toBeGreaterThanOrEqual(Math.floor(peak));
    expect(Number(variant?.attrs.BANDWIDTH)).toBeLessThan(peak * 1.01 + 1);
    expect(variant?.attrs.RESOLUTION).toBe('320x180');
    expect(readdirSync(outDir).filter((n) => n.includes('.tmp') || n.startsWith('.staging'))).toEqual([]);
  });

  it('gives the same scene the same quiet ambience, and another scene another one', async () => {
    const render = async (name: string, prompt: string) => {
      const outDir = join(root, name);
      await createProceduralGenerator({ renditions: [tiny], captions: false }).render(
        { key: name, spec: { prompt, seed: 8 }, state: {}, durationSeconds: 2, outDir, segmentSeconds: 1 },
        { onProgress: () => {}, onSegment: () => {} },
        new AbortController().signal,
      );
      return measureAudio(join(outDir, '180p.m3u8'));
    };
    const storm = await render('storm-a', 'A stormy sea with a boat');
    const again = await render('storm-b', 'A stormy sea with a boat');
    const calm = await render('calm', 'A calm night in the cozy kitchen');
    // Decoded samples, not container bytes: the AAC encoder is deterministic, so these match exactly.
    expect(again.md5).toBe(storm.md5);
    expect(calm.md5).not.toBe(storm.md5);
    for (const m of [storm, calm]) {
      expect(m.lufs).toBeGreaterThan(-32); // audible...
      expect(m.lufs).toBeLessThan(-18); // ...but quiet, under whatever an author adds
      expect(m.peakDb).toBeLessThan(-3);
    }
  });

  it('stops ffmpeg promptly on abort and leaves no temporary files', async () => {
    const outDir = join(root, 'aborted');
    const gen = createProceduralGenerator({ renditions: [tiny] });
    const ac = new AbortController();
    let afterAbort = 0;
    const running = gen.render(
      { key: 'k2', spec, state: {}, durationSeconds: 20, outDir, segmentSeconds: 1 },
      {
        onProgress: () => {},
        onSegment: () => {
          if (ac.signal.aborted) afterAbort++;
          else ac.abort();
        },
      },
      ac.signal,
    );
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    // Promptly, whatever the machine's speed: at most the segment already being written was
    // published after the abort, not the 18 more a render that ignored it would publish.
    expect(afterAbort).toBeLessThanOrEqual(1);
    const ps = execFileSync('ps', ['-eo', 'args']).toString();
    expect(ps).not.toContain(outDir);
    expect(readdirSync(outDir).filter((n) => n.includes('.tmp') || n.startsWith('.staging'))).toEqual([]);
  });
});
