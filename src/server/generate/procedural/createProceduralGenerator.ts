import type { BrowserHost } from '../browser/createBrowserHost.js';
import { createBrowserHost } from '../browser/createBrowserHost.js';
import type { BrowserCapabilities } from '../browser/PaintPageApi.js';
import { isSoftwareRenderer, probeBrowser } from '../browser/probeBrowser.js';
import { readBackInBrowser } from '../browser/readBackInBrowser.js';
import { renderInBrowser } from '../browser/renderInBrowser.js';
import type { RendererKind } from '../browser/selectRenderer.js';
import { selectRenderer } from '../browser/selectRenderer.js';
import type { Generator, RenderHooks, RenderJob, RenderResult } from '../Generator.js';
import { encodeHls } from '../hls/encodeHls.js';
import type { Rendition } from '../hls/Rendition.js';
import { FPS, RENDITION_360P } from '../hls/Rendition.js';
import type { H264Encoder } from '../hls/selectEncoder.js';
import { selectEncoder } from '../hls/selectEncoder.js';
import { ambienceGraph } from './audio/ambienceGraph.js';
import { createFrameCanvas } from './render/createFrameCanvas.js';
import { composeScene } from './scene/composeScene.js';

export interface ProceduralGeneratorOptions {
  /** Output sizes; frames are painted once at the largest and scaled for the rest. Default: 360p. */
  renditions?: readonly Rendition[];
  /** Force an encoder instead of probing (probing picks NVENC only when a test encode works). */
  encoder?: H264Encoder;
  /** Burn the prompt's first sentence in as a caption (default true). */
  captions?: boolean;
  /**
   * Who paints: 'cpu' (Skia in this process, frames piped to ffmpeg), 'browser' (the same
   * painter in headless chromium, encoded there with WebCodecs, muxed by ffmpeg), or 'auto'
   * (default): the browser path only when chromium reports a real GPU. See docs/generators.md.
   */
  renderer?: 'auto' | RendererKind;
  /**
   * How the browser path encodes: 'webcodecs' (default; in the page, ffmpeg only muxes) or
   * 'readback' (frames read back from the page and encoded by ffmpeg with `encoder`).
   */
  browserEncode?: 'webcodecs' | 'readback';
  /** Chromium flags for the browser path to reach the GPU (default CHROMIUM_GPU_ARGS); for drivers they do not suit. */
  chromiumGpuFlags?: readonly string[];
  /** Path of the bundled paint page (default: dist/node/paint-page.js next to the module). */
  paintPageScript?: string;
  /** Where the 'auto' decision is logged (once per process). Default: stderr. */
  log?: (message: string) => void;
}

/** The procedural generator; it may own a chromium, so close it when done. */
export interface ProceduralGenerator extends Generator {
  /**
   * Settle which path renders ('auto' probes chromium once): await it before computing
   * rendition keys, since `version` depends on it. Until it has settled, `version` is the CPU
   * one and render() paints on the CPU (starting the probe in the background), so a key never
   * names a path that did not run.
   */
  ready(): Promise<RendererKind>;
  /** Close the render browser, if one was launched. */
  close(): Promise<void>;
}

/** Bump when the same inputs would give different pixels or sound: it is part of every rendition key. */
export const PROCEDURAL_VERSION = '1.1.0'; // 1.1: AAC ambience track
/** The browser path paints with chromium's rasteriser and encodes with WebCodecs: different pixels, different keys. */
export const PROCEDURAL_BROWSER_VERSION = `${PROCEDURAL_VERSION}+browser`;
/** Chromium's pixels, encoded by ffmpeg: different again. */
export const PROCEDURAL_READBACK_VERSION = `${PROCEDURAL_VERSION}+browser-readback`;

/**
 * The built-in generator: composes a seeded scene from the spec's words and state,
 * paints it frame by frame on a CPU canvas (Skia) and pipes raw RGBA into ffmpeg with a
 * seeded ambience track keyed by the same scene (wind, rain, surf, drone), publishing fMP4
 * HLS (H.264 + AAC-LC) segment by segment. On a GPU host (or with `renderer: 'browser'`)
 * the same painter runs in headless chromium instead (src/server/generate/browser/).
 *
 * @example
 * const gen = createProceduralGenerator({ renditions: [RENDITION_360P, RENDITION_720P] });
 * await gen.render({ key, spec, state, durationSeconds: 4, outDir, segmentSeconds: 1 },
 *   { onProgress: () => {}, onSegment: (s) => console.log(`${s}s ready`) }, new AbortController().signal);
 */
export function createProceduralGenerator(options: ProceduralGeneratorOptions = {}): ProceduralGenerator {
  const renditions = options.renditions ?? [RENDITION_360P];
  if (renditions.length === 0) throw new Error('createProceduralGenerator: renditions must not be empty');
  const names = new Set(renditions.map((r) => r.name));
  if (names.size !== renditions.length) throw new Error('createProceduralGenerator: rendition names must be unique');
  const largest = [...renditions].sort((a, b) => b.width * b.height - a.width * a.height)[0]!;
  const wanted = options.renderer ?? 'auto';
  if (!['auto', 'cpu', 'browser'].includes(wanted))
    throw new Error(`createProceduralGenerator: renderer must be auto, cpu or browser (got ${String(wanted)})`);
  const log = options.log ?? ((m: string) => void process.stderr.write(`[offshoot] ${m}\n`));
  let host: BrowserHost | undefined;
  const browserHost = () =>
    (host ??= createBrowserHost({ gpuFlags: options.chromiumGpuFlags, paintPageScript: options.paintPageScript }));
  let kind: RendererKind | undefined = wanted === 'auto' ? undefined : wanted;
  let deciding: Promise<RendererKind> | undefined;
  let capabilities: Promise<BrowserCapabilities> | undefined;
  const ready = (): Promise<RendererKind> => {
    if (kind) return Promise.resolve(kind);
    deciding ??= selectRenderer(browserHost(), log).then(async (choice) => {
      kind = choice.renderer;
      if (choice.capabilities) capabilities = Promise.resolve(choice.capabilities);
      if (kind === 'cpu') await host?.close(); // the probe's chromium is not needed any more
      return kind;
    });
    return deciding;
  };

  return {
    id: 'procedural',
    get version() {
      if (kind !== 'browser') return PROCEDURAL_VERSION;
      return options.browserEncode === 'readback' ? PROCEDURAL_READBACK_VERSION : PROCEDURAL_BROWSER_VERSION;
    },
    ready,
    async close() {
      await host?.close();
    },
    async render(job: RenderJob, hooks: RenderHooks, signal: AbortSignal): Promise<RenderResult> {
      const started = performance.now();
      if (!(job.durationSeconds > 0))
        throw new Error(`procedural render ${job.key}: durationSeconds must be > 0 (got ${job.durationSeconds})`);
      if (!(job.segmentSeconds > 0))
        throw new Error(`procedural render ${job.key}: segmentSeconds must be > 0 (got ${job.segmentSeconds})`);
      const scene = composeScene(job.spec, job.state, {
        durationSeconds: job.durationSeconds,
        specIsResolved: true,
        ...(options.captions === false ? { caption: false as const } : {}),
      });
      const count = Math.max(1, Math.round(job.durationSeconds * FPS));
      // Not settled yet ('auto' and nobody awaited ready()): this job's key was made with the CPU
      // version, so it renders on the CPU; the probe runs meanwhile and decides later jobs.
      const path = kind ?? (void ready().catch(() => undefined), 'cpu');
      if (path === 'browser') {
        capabilities ??= probeBrowser(browserHost());
        const caps = await capabilities.catch((e: unknown) => {
          capabilities = undefined; // e.g. chromium failed to start: try again next job
          throw new Error(`procedural render ${job.key}: ${(e as Error).message}`);
        });
        const common = {
          host: browserHost(),
          scene,
          renditions,
          count,
          segmentSeconds: job.segmentSeconds,
          audioGraph: ambienceGraph(scene),
          outDir: job.outDir,
          hooks,
          signal,
        };
        const readback =
          options.browserEncode === 'readback' ? (options.encoder ?? (await selectEncoder()).encoder) : undefined;
        const { frames } = await (
          readback
            ? readBackInBrowser({ ...common, encoder: readback })
            : renderInBrowser({ ...common, hardware: caps.hardwareH264 })
        ).catch((e: unknown) => {
          if ((e as Error).name === 'AbortError') throw e;
          throw new Error(`procedural render ${job.key} (browser path): ${(e as Error).message}`);
        });
        return {
          playlist: 'index.m3u8',
          frames,
          elapsedMs: performance.now() - started,
          path: browserPathName(caps, readback),
        };
      }
      const encoder = options.encoder ?? (await selectEncoder()).encoder;
      const canvas = createFrameCanvas(scene, largest.width, largest.height);
      const { frames } = await encodeHls({
        outDir: job.outDir,
        segmentSeconds: job.segmentSeconds,
        renditions,
        encoder,
        input: {
          kind: 'frames',
          width: canvas.width,
          height: canvas.height,
          count,
          frame: (i) => canvas.rgba(i / FPS),
        },
        audio: { kind: 'lavfi', graph: ambienceGraph(scene) },
        hooks,
        signal,
      });
      return { playlist: 'index.m3u8', frames, elapsedMs: performance.now() - started, path: `cpu-skia+${encoder}` };
    },
  };
}

/** What ran, for RenderResult.path: e.g. "gpu-canvas+webcodecs-hw", "swiftshader-canvas+webcodecs-sw", "gpu-canvas+readback+h264_nvenc". */
function browserPathName(caps: BrowserCapabilities, readback?: H264Encoder): string {
  const raster = !isSoftwareRenderer(caps.renderer)
    ? 'gpu'
    : /swiftshader/i.test(caps.renderer)
      ? 'swiftshader'
      : 'software';
  return readback
    ? `${raster}-canvas+readback+${readback}`
    : `${raster}-canvas+webcodecs-${caps.hardwareH264 ? 'hw' : 'sw'}`;
}
