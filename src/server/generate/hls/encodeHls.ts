import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RenderHooks } from '../Generator.js';
import { createHlsPublisher } from './createHlsPublisher.js';
import { encoderArgs, hlsArgs } from './encoderArgs.js';
import type { Rendition } from './Rendition.js';
import { FPS } from './Rendition.js';
import type { H264Encoder } from './selectEncoder.js';
import { spawnFfmpeg } from './spawnFfmpeg.js';

/** Raw RGBA frames produced on demand, or a media file to re-package. */
export type HlsInput =
  | { kind: 'frames'; width: number; height: number; count: number; frame(index: number): Buffer }
  | { kind: 'file'; path: string; durationSeconds: number };

export interface EncodeHlsOptions {
  outDir: string;
  segmentSeconds: number;
  renditions: readonly Rendition[];
  encoder: H264Encoder;
  input: HlsInput;
  hooks: RenderHooks;
  signal: AbortSignal;
}

/**
 * Encode frames (or re-encode a file) into fMP4 HLS in `outDir`, one ffmpeg process for
 * all renditions, publishing each segment as soon as it is complete. On abort or error
 * ffmpeg is killed and every temporary file removed; finished segments stay.
 *
 * @example
 * await encodeHls({ outDir, segmentSeconds: 1, renditions: [RENDITION_360P], encoder: 'libx264',
 *   input: { kind: 'frames', width: 640, height: 360, count: 120, frame: (i) => canvas.rgba(i / 30) }, hooks, signal });
 */
export async function encodeHls(o: EncodeHlsOptions): Promise<{ frames: number; readySeconds: number }> {
  if (o.signal.aborted) throw abortError(o.signal);
  if (o.renditions.length === 0) throw new Error('encodeHls: at least one rendition is needed');
  const stagingDir = join(o.outDir, `.staging-${randomUUID().slice(0, 8)}`);
  await mkdir(stagingDir, { recursive: true });
  const ff = spawnFfmpeg(ffmpegArgs(o, stagingDir));
  const publisher = createHlsPublisher({ outDir: o.outDir, stagingDir, renditions: o.renditions, segmentSeconds: o.segmentSeconds, onSegment: o.hooks.onSegment });
  let syncError: unknown;
  const timer = setInterval(() => publisher.sync().catch((e: unknown) => (syncError ??= e)), 40);
  const onAbort = () => void ff.kill();
  o.signal.addEventListener('abort', onAbort);
  try {
    let frames = 0;
    if (o.input.kind === 'frames') {
      for (let i = 0; i < o.input.count; i++) {
        if (o.signal.aborted) throw abortError(o.signal);
        await ff.write(o.input.frame(i));
        frames = i + 1;
        o.hooks.onProgress(frames / o.input.count);
        // Let the publisher's timer run between frames even when the pipe never blocks.
        if (i % 3 === 2) await new Promise<void>((r) => setImmediate(r));
      }
    }
    await ff.done();
    clearInterval(timer);
    if (syncError) throw syncError;
    const { readySeconds } = await publisher.finish();
    if (o.input.kind === 'file') {
      frames = Math.round(readySeconds * FPS);
      o.hooks.onProgress(1);
    }
    return { frames, readySeconds };
  } catch (err) {
    clearInterval(timer);
    await ff.kill();
    await publisher.settled();
    await removeTemporaries(o.outDir, stagingDir);
    throw o.signal.aborted ? abortError(o.signal) : err;
  } finally {
    o.signal.removeEventListener('abort', onAbort);
  }
}

function ffmpegArgs(o: EncodeHlsOptions, stagingDir: string): string[] {
  const input =
    o.input.kind === 'frames'
      ? ['-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${o.input.width}x${o.input.height}`, '-framerate', String(FPS), '-i', 'pipe:0']
      : ['-t', String(o.input.durationSeconds), '-i', o.input.path];
  const n = o.renditions.length;
  const fit = (r: Rendition) =>
    o.input.kind === 'file'
      ? `scale=${r.width}:${r.height}:force_original_aspect_ratio=decrease,pad=${r.width}:${r.height}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=${FPS}`
      : o.input.width === r.width && o.input.height === r.height
        ? 'null'
        : `scale=${r.width}:${r.height}:flags=bicubic`;
  const graph = `[0:v]split=${n}${o.renditions.map((_, i) => `[s${i}]`).join('')};${o.renditions.map((r, i) => `[s${i}]${fit(r)}[o${i}]`).join(';')}`;
  const outputs = o.renditions.flatMap((r, i) => [
    '-map', `[o${i}]`, '-an', ...encoderArgs(o.encoder, r, o.segmentSeconds), ...hlsArgs(stagingDir, r, o.segmentSeconds),
  ]);
  return [...input, '-filter_complex', graph, ...outputs];
}

async function removeTemporaries(outDir: string, stagingDir: string): Promise<void> {
  await rm(stagingDir, { recursive: true, force: true });
  const names = await readdir(outDir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.includes('.tmp-')).map((n) => rm(join(outDir, n), { force: true })));
}

/** The error a render rejects with when its signal aborts. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const err = new Error(typeof reason === 'string' ? reason : 'render aborted');
  err.name = 'AbortError';
  return err;
}
