// Render + encode speed of the procedural generator, in multiples of real time, at 360p
// and 720p, against a baseline measured in the same run: ffmpeg encoding its own testsrc2
// pattern with the same encoder settings into the same HLS packaging (i.e. the cost of
// encoding alone, with no painting and no pipe). Shared machines are noisy: the table also
// gives CPU-time figures (frames per CPU-second painted, encoder CPU-seconds per video second),
// which do not depend on what else is running. The browser path (the same painter in headless
// chromium: WebCodecs in the page, or frames read back into ffmpeg) gets rows at both sizes
// too, so the table decides which path a host should use; its render-only column is paint +
// getImageData inside the page (chromium's CPU time is not this process's, so no CPU figure).
// Run: npx tsx bench/render.bench.ts [seconds] [reps]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Rendition } from '../src/server/generate/index.js';
import {
  composeScene,
  createFrameCanvas,
  createProceduralGenerator,
  RENDITION_360P,
  RENDITION_720P,
  selectEncoder,
} from '../src/server/generate/index.js';
import { encoderArgs, hlsArgs } from '../src/server/generate/hls/encoderArgs.js';
import type { H264Encoder } from '../src/server/generate/hls/selectEncoder.js';
import { createBrowserHost } from '../src/server/generate/browser/createBrowserHost.js';
import type { PaintPageApi } from '../src/server/generate/browser/PaintPageApi.js';
import { probeBrowser } from '../src/server/generate/browser/probeBrowser.js';
import { median } from './support/quantile.js';
import type { ProceduralGenerator } from '../src/server/generate/procedural/createProceduralGenerator.js';

const seconds = Number(process.argv[2] ?? 5);
const reps = Number(process.argv[3] ?? 3);
const spec = {
  prompt: 'A fox carries a lantern through the forest at dusk, fireflies everywhere.',
  seed: 7,
  characters: [{ name: 'fox', color: '#e0702a' }],
};
const root = mkdtempSync(join(tmpdir(), 'offshoot-bench-'));

/** Paint-and-read-back speed: wall clock, and per CPU second (robust to other load on the machine). */
function renderOnly(r: Rendition): { fps: number; cpuFps: number } {
  const scene = composeScene(spec, {}, { durationSeconds: seconds });
  const canvas = createFrameCanvas(scene, r.width, r.height);
  canvas.rgba(0); // warm up fonts and Skia
  const frames = seconds * 30;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < frames; i++) canvas.rgba(i / 30);
  const cpu = process.cpuUsage(cpu0);
  return { fps: frames / ((performance.now() - t0) / 1000), cpuFps: frames / ((cpu.user + cpu.system) / 1e6) };
}

/** Paint + read back inside the page (readback forces the raster to finish), frames per second. */
async function browserRenderOnly(r: Rendition): Promise<number> {
  const host = createBrowserHost();
  const page = await host.openPage();
  const scene = composeScene(spec, {}, { durationSeconds: seconds });
  const frames = seconds * 30;
  const fps = await page.evaluate(
    async ([sc, w, h, n]) => {
      const api = (globalThis as unknown as { offshootPaintPage: PaintPageApi }).offshootPaintPage;
      await api.hash(sc, w, h, 0); // warm up fonts and the raster
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await api.hash(sc, w, h, i / 30);
      return n / ((performance.now() - t0) / 1000);
    },
    [scene, r.width, r.height, frames] as const,
  );
  await host.close();
  return fps;
}

async function pipeline(
  r: Rendition,
  encoder: H264Encoder,
  browser?: ProceduralGenerator,
): Promise<{ x: number; firstSegmentMs: number; path: string }> {
  const outDir = join(root, `${r.name}-${encoder}-${Math.random().toString(36).slice(2)}`);
  const gen = browser ?? createProceduralGenerator({ renditions: [r], encoder, renderer: 'cpu' });
  const t0 = performance.now();
  let first = 0;
  const { path } = await gen.render(
    { key: 'bench', spec, state: {}, durationSeconds: seconds, outDir, segmentSeconds: 1 },
    { onProgress: () => {}, onSegment: () => (first ||= performance.now() - t0) },
    new AbortController().signal,
  );
  const x = seconds / ((performance.now() - t0) / 1000);
  rmSync(outDir, { recursive: true, force: true });
  return { x, firstSegmentMs: first, path };
}

/** ffmpeg encoding its own test pattern with the same settings: × real time, and CPU seconds per video second. */
function baseline(r: Rendition, encoder: H264Encoder): { x: number; cpuPerSecond: number } {
  const outDir = join(root, `base-${r.name}-${Math.random().toString(36).slice(2)}`);
  execFileSync('mkdir', ['-p', outDir]);
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${r.width}x${r.height}:rate=30`,
    '-t',
    String(seconds),
    ...encoderArgs(encoder, r, 1),
    ...hlsArgs(outDir, r, 1),
  ];
  const t0 = performance.now();
  // bash's `times` reports the children's user+sys CPU: the encoder's cost regardless of load.
  const out = execFileSync('bash', ['-c', 'ffmpeg "$@" && times', 'bash', ...args]).toString();
  const x = seconds / ((performance.now() - t0) / 1000);
  const child = out.trim().split('\n').pop() ?? '';
  const secs = [...child.matchAll(/(\d+)m([\d.]+)s/g)].reduce((a, m) => a + Number(m[1]) * 60 + Number(m[2]), 0);
  rmSync(outDir, { recursive: true, force: true });
  return { x, cpuPerSecond: secs / seconds };
}

const choice = await selectEncoder();
const encoders: H264Encoder[] = choice.encoder === 'h264_nvenc' ? ['h264_nvenc', 'libx264'] : ['libx264'];
console.log(`encoder probe: ${choice.encoder} (${choice.reason}); ${seconds}s clips, median of ${reps}`);
const probeHost = createBrowserHost();
const caps = await probeBrowser(probeHost);
await probeHost.close();
console.log(`browser probe: WebGL renderer "${caps.renderer}", hardware avc1 encoder: ${caps.hardwareH264}`);
const rows: string[][] = [];
for (const r of [RENDITION_360P, RENDITION_720P]) {
  const paints = Array.from({ length: reps }, () => renderOnly(r));
  const fps = median(paints.map((p) => p.fps));
  const cpuFps = median(paints.map((p) => p.cpuFps));
  for (const encoder of encoders) {
    const runs: { x: number; firstSegmentMs: number }[] = [];
    const bases: { x: number; cpuPerSecond: number }[] = [];
    for (let i = 0; i < reps; i++) {
      runs.push(await pipeline(r, encoder));
      bases.push(baseline(r, encoder));
    }
    const x = median(runs.map((p) => p.x));
    const base = median(bases.map((b) => b.x));
    rows.push([
      r.name,
      `cpu-skia+${encoder}`,
      `${fps.toFixed(0)} (${cpuFps.toFixed(0)}/cpu-s)`,
      `${x.toFixed(2)}×`,
      `${median(runs.map((p) => p.firstSegmentMs)).toFixed(0)} ms`,
      `${base.toFixed(2)}× (${median(bases.map((b) => b.cpuPerSecond)).toFixed(2)} cpu-s/s)`,
      (x / base).toFixed(2),
    ]);
  }
  // The browser path: one generator (one long-lived chromium) per variant, as a server runs it;
  // the first rep includes launching chromium, the median does not. Baseline: the same x264
  // testsrc2 encode as above (what encoding alone costs on the CPU path).
  const browserFps = await browserRenderOnly(r);
  for (const variant of ['webcodecs', ...encoders.map((e) => `readback:${e}`)]) {
    const encoder = (variant.split(':')[1] ?? 'libx264') as H264Encoder;
    const gen = createProceduralGenerator({
      renditions: [r],
      encoder,
      renderer: 'browser',
      browserEncode: variant === 'webcodecs' ? 'webcodecs' : 'readback',
    });
    const runs: { x: number; firstSegmentMs: number; path: string }[] = [];
    const bases: { x: number; cpuPerSecond: number }[] = [];
    // Readback into x264 on a host without a GPU is an order of magnitude slower than the rest
    // (every 1–4 MB frame crosses from chromium to Node): one warm run is enough to show it.
    const n = variant === 'readback:libx264' && choice.encoder === 'libx264' ? 1 : reps;
    if (n < reps) await pipeline(r, encoder, gen).catch(() => undefined); // launch chromium outside the timed run
    for (let i = 0; i < n; i++) {
      runs.push(await pipeline(r, encoder, gen));
      bases.push(baseline(r, 'libx264'));
    }
    await gen.close();
    const x = median(runs.map((p) => p.x));
    const base = median(bases.map((b) => b.x));
    rows.push([
      r.name,
      `${runs[0]!.path}${n < reps ? ' (1 warm run)' : ''}`,
      `${browserFps.toFixed(0)} (in page)`,
      `${x.toFixed(2)}×`,
      `${median(runs.map((p) => p.firstSegmentMs)).toFixed(0)} ms`,
      `${base.toFixed(2)}× (${median(bases.map((b) => b.cpuPerSecond)).toFixed(2)} cpu-s/s)`,
      (x / base).toFixed(2),
    ]);
  }
}
rmSync(root, { recursive: true, force: true });
const head = [
  'size',
  'path',
  'render-only fps (per CPU-second)',
  'render+encode (× real time)',
  'first 1 s segment',
  'baseline: testsrc2 encode (× | CPU)',
  'ratio vs baseline',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log([line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
console.log(
  `load average: ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${(await import('node:os')).cpus().length} cores`,
);
