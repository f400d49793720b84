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
}

/** Bump when the same inputs would give different pixels or sound: it is part of every rendition key. */
export const PROCEDURAL_VERSION = '1.1.0'; // 1.1: AAC ambience track

/**
 * The built-in generator: composes a seeded scene from the spec's words and state,
 * paints it frame by frame on a CPU canvas (Skia) and pipes raw RGBA into ffmpeg with a
 * seeded ambience track keyed by the same scene (wind, rain, surf, drone), publishing fMP4
 * HLS (H.264 + AAC-LC) segment by segment.
 *
 * @example
 * const gen = createProceduralGenerator({ renditions: [RENDITION_360P, RENDITION_720P] });
 * await gen.render({ key, spec, state, durationSeconds: 4, outDir, segmentSeconds: 1 },
 *   { onProgress: () => {}, onSegment: (s) => console.log(`${s}s ready`) }, new AbortController().signal);
 */
export function createProceduralGenerator(options: ProceduralGeneratorOptions = {}): Generator {
  const renditions = options.renditions ?? [RENDITION_360P];
  if (renditions.length === 0) throw new Error('createProceduralGenerator: renditions must not be empty');
  const names = new Set(renditions.map((r) => r.name));
  if (names.size !== renditions.length) throw new Error('createProceduralGenerator: rendition names must be unique');
  const largest = [...renditions].sort((a, b) => b.width * b.height - a.width * a.height)[0]!;

  return {
    id: 'procedural',
    version: PROCEDURAL_VERSION,
    async render(job: RenderJob, hooks: RenderHooks, signal: AbortSignal): Promise<RenderResult> {
      const started = performance.now();
      if (!(job.durationSeconds > 0)) throw new Error(`procedural render ${job.key}: durationSeconds must be > 0 (got ${job.durationSeconds})`);
      if (!(job.segmentSeconds > 0)) throw new Error(`procedural render ${job.key}: segmentSeconds must be > 0 (got ${job.segmentSeconds})`);
      const scene = composeScene(job.spec, job.state, {
        durationSeconds: job.durationSeconds,
        specIsResolved: true,
        ...(options.captions === false ? { caption: false as const } : {}),
      });
      const encoder = options.encoder ?? (await selectEncoder()).encoder;
      const canvas = createFrameCanvas(scene, largest.width, largest.height);
      const count = Math.max(1, Math.round(job.durationSeconds * FPS));
      const { frames } = await encodeHls({
        outDir: job.outDir,
        segmentSeconds: job.segmentSeconds,
        renditions,
        encoder,
        input: { kind: 'frames', width: canvas.width, height: canvas.height, count, frame: (i) => canvas.rgba(i / FPS) },
        audio: { kind: 'lavfi', graph: ambienceGraph(scene) },
        hooks,
        signal,
      });
      return { playlist: 'index.m3u8', frames, elapsedMs: performance.now() - started, path: `cpu-skia+${encoder}` };
    },
  };
}
