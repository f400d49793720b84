// Render + encode speed of the procedural generator, in multiples of real time, at 360p
// and 720p, against a baseline measured in the same run: ffmpeg encoding its own testsrc2
// pattern with the same encoder settings into the same HLS packaging (i.e. the cost of
// encoding alone, with no painting and no pipe). Run: npx tsx bench/render.bench.ts [seconds] [reps]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Rendition } from '../src/server/generate/index.js';
import { composeScene, createFrameCanvas, createProceduralGenerator, RENDITION_360P, RENDITION_720P, selectEncoder } from '../src/server/generate/index.js';
import { encoderArgs, hlsArgs } from '../src/server/generate/hls/encoderArgs.js';
import type { H264Encoder } from '../src/server/generate/hls/selectEncoder.js';

const seconds = Number(process.argv[2] ?? 5);
const reps = Number(process.argv[3] ?? 3);
const spec = { prompt: 'A fox carries a lantern through the forest at dusk, fireflies everywhere.', seed: 7, characters: [{ name: 'fox', color: '#e0702a' }] };
const root = mkdtempSync(join(tmpdir(), 'offshoot-bench-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function renderOnlyFps(r: Rendition): number {
  const scene = composeScene(spec, {}, { durationSeconds: seconds });
  const canvas = createFrameCanvas(scene, r.width, r.height);
  const frames = seconds * 30;
  const t0 = performance.now();
  for (let i = 0; i < frames; i++) canvas.rgba(i / 30);
  return frames / ((performance.now() - t0) / 1000);
}

async function pipeline(r: Rendition, encoder: H264Encoder): Promise<{ x: number; firstSegmentMs: number }> {
  const outDir = join(root, `${r.name}-${encoder}-${Math.random().toString(36).slice(2)}`);
  const gen = createProceduralGenerator({ renditions: [r], encoder });
  const t0 = performance.now();
  let first = 0;
  await gen.render({ key: 'bench', spec, state: {}, durationSeconds: seconds, outDir, segmentSeconds: 1 },
    { onProgress: () => {}, onSegment: () => (first ||= performance.now() - t0) }, new AbortController().signal);
  const x = seconds / ((performance.now() - t0) / 1000);
  rmSync(outDir, { recursive: true, force: true });
  return { x, firstSegmentMs: first };
}

function baseline(r: Rendition, encoder: H264Encoder): number {
  const outDir = join(root, `base-${r.name}-${Math.random().toString(36).slice(2)}`);
  execFileSync('mkdir', ['-p', outDir]);
  const t0 = performance.now();
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${r.width}x${r.height}:rate=30`, '-t', String(seconds),
    ...encoderArgs(encoder, r, 1), ...hlsArgs(outDir, r, 1)]);
  const x = seconds / ((performance.now() - t0) / 1000);
  rmSync(outDir, { recursive: true, force: true });
  return x;
}

const choice = await selectEncoder();
const encoders: H264Encoder[] = choice.encoder === 'h264_nvenc' ? ['h264_nvenc', 'libx264'] : ['libx264'];
console.log(`encoder probe: ${choice.encoder} (${choice.reason}); ${seconds}s clips, median of ${reps}`);
const rows: string[][] = [];
for (const r of [RENDITION_360P, RENDITION_720P]) {
  const fps = median(Array.from({ length: reps }, () => renderOnlyFps(r)));
  for (const encoder of encoders) {
    const runs: { x: number; firstSegmentMs: number }[] = [];
    const bases: number[] = [];
    for (let i = 0; i < reps; i++) {
      runs.push(await pipeline(r, encoder));
      bases.push(baseline(r, encoder));
    }
    const x = median(runs.map((p) => p.x));
    const base = median(bases);
    rows.push([r.name, `cpu-skia+${encoder}`, fps.toFixed(0), `${x.toFixed(2)}×`, `${median(runs.map((p) => p.firstSegmentMs)).toFixed(0)} ms`, `${base.toFixed(2)}×`, (x / base).toFixed(2)]);
  }
}
rmSync(root, { recursive: true, force: true });
const head = ['size', 'path', 'render-only fps', 'render+encode (× real time)', 'first 1 s segment', 'baseline testsrc2 encode (×)', 'ratio vs baseline'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log([line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
console.log(`load average: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
