import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Generator, RenderHooks, RenderJob, RenderResult } from '../Generator.js';
import { abortError, encodeHls } from '../hls/encodeHls.js';
import type { Rendition } from '../hls/Rendition.js';
import { FPS, RENDITION_360P } from '../hls/Rendition.js';
import type { H264Encoder } from '../hls/selectEncoder.js';
import { selectEncoder } from '../hls/selectEncoder.js';

export interface HttpGeneratorOptions {
  /** The model server's endpoint: it receives the job as JSON and answers with an MP4. */
  url: string;
  /** Shown in rendition keys and logs; default "http". */
  id?: string;
  /** Bump when the model (or its settings) changes: part of every rendition key. */
  version: string;
  /** Extra request headers, e.g. an Authorization token. */
  headers?: Record<string, string>;
  /** Give up on the model server after this long (default 10 minutes). */
  timeoutMs?: number;
  renditions?: readonly Rendition[];
  encoder?: H264Encoder;
}

/** The JSON body POSTed to the model server. */
export interface HttpGenerateRequest {
  key: string;
  spec: RenderJob['spec'];
  state: RenderJob['state'];
  durationSeconds: number;
  width: number;
  height: number;
  fps: number;
}

/**
 * A generator backed by a text-to-video service over HTTP: POSTs the resolved spec,
 * receives an MP4, and re-encodes it into contract-following fMP4 HLS (IDR at every
 * segment start, no B-frames, fixed 30 fps, one parameter set, an AAC-LC track: the
 * model's own sound, or silence when it sent none), whatever the model's own encoder did.
 * See docs/generators.md.
 *
 * @example
 * const gen = createHttpGenerator({ url: 'http://models.internal:8000/v1/generate', version: 'wan-2.1+2026-11' });
 */
export function createHttpGenerator(options: HttpGeneratorOptions): Generator {
  const target = new URL(options.url); // Throws a clear TypeError on a bad URL, at construction.
  const renditions = options.renditions ?? [RENDITION_360P];
  const largest = [...renditions].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (!largest) throw new Error('createHttpGenerator: renditions must not be empty');
  const id = options.id ?? 'http';

  return {
    id,
    version: options.version,
    async render(job: RenderJob, hooks: RenderHooks, signal: AbortSignal): Promise<RenderResult> {
      const started = performance.now();
      await mkdir(job.outDir, { recursive: true });
      const download = join(job.outDir, `.download-${randomUUID().slice(0, 8)}.tmp-mp4`);
      const body: HttpGenerateRequest = {
        key: job.key,
        spec: job.spec,
        state: job.state,
        durationSeconds: job.durationSeconds,
        width: largest.width,
        height: largest.height,
        fps: FPS,
      };
      try {
        const timeout = AbortSignal.timeout(options.timeoutMs ?? 600_000);
        const res = await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'video/mp4', ...options.headers },
          body: JSON.stringify(body),
          signal: AbortSignal.any([signal, timeout]),
        });
        if (!res.ok || !res.body) {
          const text = (await res.text().catch(() => '')).slice(0, 200);
          throw new Error(
            `${id} generator: POST ${target.href} answered ${res.status} ${res.statusText}${text ? `: ${text}` : ''}`,
          );
        }
        const type = res.headers.get('content-type') ?? '';
        if (!/^video\/(mp4|quicktime)|^application\/octet-stream/.test(type)) {
          throw new Error(`${id} generator: POST ${target.href} answered content-type "${type}", expected video/mp4`);
        }
        await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), createWriteStream(download), {
          signal,
        });
        hooks.onProgress(0.5);
        const encoder = options.encoder ?? (await selectEncoder()).encoder;
        const { frames } = await encodeHls({
          outDir: job.outDir,
          segmentSeconds: job.segmentSeconds,
          renditions,
          encoder,
          input: { kind: 'file', path: download, durationSeconds: job.durationSeconds },
          hooks: {
            onProgress: (p) => hooks.onProgress(0.5 + p / 2),
            onSegment: (ready) => {
              hooks.onProgress(Math.min(1, 0.5 + ready / job.durationSeconds / 2));
              hooks.onSegment(ready);
            },
          },
          signal,
        });
        return { playlist: 'index.m3u8', frames, elapsedMs: performance.now() - started, path: `http+${encoder}` };
      } catch (err) {
        throw signal.aborted ? abortError(signal) : err;
      } finally {
        await rm(download, { force: true });
      }
    },
  };
}
