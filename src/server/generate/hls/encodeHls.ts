import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RenderHooks } from '../Generator.js';
import { audioArgs, fitAudio } from './audioArgs.js';
import { createHlsPublisher } from './createHlsPublisher.js';
import { encoderArgs, hlsArgs } from './encoderArgs.js';
import { h264CopyArgs } from './h264CopyArgs.js';
import type { Rendition } from './Rendition.js';
import { FPS } from './Rendition.js';
import { hasAudioStream } from './hasAudioStream.js';
import type { H264Encoder } from './selectEncoder.js';
import { spawnFfmpeg } from './spawnFfmpeg.js';

/**
 * Raw RGBA frames produced on demand (synchronously, or read back from somewhere), a media
 * file to re-package, or H.264 already encoded elsewhere (the browser path's WebCodecs
 * output) that ffmpeg only muxes: one Annex B stream per rendition, in `renditions` order.
 */
export type HlsInput =
  | { kind: 'frames'; width: number; height: number; count: number; frame(index: number): Buffer | Promise<Buffer> }
  | { kind: 'file'; path: string; durationSeconds: number }
  | { kind: 'h264'; count: number; chunks: AsyncIterable<H264Batch> };

/** Encoded data that arrived together: `data[i]` belongs to rendition i (may be empty). */
export interface H264Batch {
  /** Frames encoded for every rendition so far, for progress. */
  frames: number;
  data: readonly Buffer[];
}

/**
 * The audio track every rendition carries (AAC-LC 48 kHz stereo, muxed with the video):
 * an ffmpeg lavfi source graph (e.g. the procedural ambience), the file input's own audio,
 * or silence. Whatever it is, it is cut or padded to the video's length and faded at both ends.
 */
export type HlsAudio = { kind: 'lavfi'; graph: string } | { kind: 'input' } | { kind: 'silence' };

export interface EncodeHlsOptions {
  outDir: string;
  segmentSeconds: number;
  renditions: readonly Rendition[];
  encoder: H264Encoder;
  input: HlsInput;
  /** Default: a file input's own audio when it has any, else silence. Never video only. */
  audio?: HlsAudio;
  hooks: RenderHooks;
  signal: AbortSignal;
}

/**
 * Encode frames (or re-encode a file, or mux H.264 encoded elsewhere) into fMP4 HLS in
 * `outDir`, one ffmpeg process for all renditions (one per rendition for 'h264', as each
 * needs its own stdin; they share the staging folder and the publisher), publishing each segment as soon as it is complete. On abort or error
 * ffmpeg is killed and every temporary file removed; finished segments stay.
 *
 * @example
 * await encodeHls({ outDir, segmentSeconds: 1, renditions: [RENDITION_360P], encoder: 'libx264',
 *   input: { kind: 'frames', width: 640, height: 360, count: 120, frame: (i) => canvas.rgba(i / 30) }, hooks, signal });
 */
export async function encodeHls(o: EncodeHlsOptions): Promise<{ frames: number; readySeconds: number }> {
  if (o.signal.aborted) throw abortError(o.signal);
  if (o.renditions.length === 0) throw new Error('encodeHls: at least one rendition is needed');
  if (o.audio?.kind === 'input' && o.input.kind !== 'file')
    throw new Error("encodeHls: audio 'input' needs a file input");
  if (o.input.kind === 'h264' && o.input.count < 1) throw new Error('encodeHls: an h264 input needs count ≥ 1');
  const probed = o.audio
    ? undefined
    : o.input.kind === 'file' &&
      (await hasAudioStream(o.input.path, o.signal).catch((e: unknown) => {
        throw o.signal.aborted ? abortError(o.signal) : e;
      }));
  const audio: HlsAudio = o.audio ?? (probed ? { kind: 'input' } : { kind: 'silence' });
  const stagingDir = join(o.outDir, `.staging-${randomUUID().slice(0, 8)}`);
  await mkdir(stagingDir, { recursive: true });
  const seconds = o.input.kind === 'file' ? o.input.durationSeconds : o.input.count / FPS;
  const ffs =
    o.input.kind === 'h264'
      ? o.renditions.map((r) => spawnFfmpeg(h264CopyArgs(r, o.segmentSeconds, seconds, audioSource(audio), stagingDir)))
      : [spawnFfmpeg(ffmpegArgs({ ...o, input: o.input }, audio, stagingDir))];
  const ff = ffs[0]!;
  // What is published, for yieldPoint: the queue may pause this render once a segment is out.
  let published = 0;
  let yielded = 0;
  const publisher = createHlsPublisher({
    outDir: o.outDir,
    stagingDir,
    renditions: o.renditions,
    segmentSeconds: o.segmentSeconds,
    onSegment: (readySeconds) => {
      published = Math.max(published, readySeconds);
      o.hooks.onSegment(readySeconds);
    },
  });
  let syncError: unknown;
  const timer = setInterval(() => publisher.sync().catch((e: unknown) => (syncError ??= e)), 40);
  const onAbort = () => ffs.forEach((f) => void f.kill());
  o.signal.addEventListener('abort', onAbort);
  try {
    let frames = 0;
    if (o.input.kind === 'frames') {
      for (let i = 0; i < o.input.count; i++) {
        if (o.signal.aborted) throw abortError(o.signal);
        await ff.write(await o.input.frame(i));
        frames = i + 1;
        o.hooks.onProgress(frames / o.input.count);
        // Let the publisher's timer run between frames even when the pipe never blocks.
        if (i % 3 === 2) await new Promise<void>((r) => setImmediate(r));
        // A segment came out since the last check: a fragment boundary, where the queue may
        // give this worker to a more urgent render (ffmpeg waits on its stdin meanwhile).
        if (published > yielded && o.hooks.yieldPoint) {
          yielded = published;
          await o.hooks.yieldPoint(published);
        }
      }
    } else if (o.input.kind === 'h264') {
      for await (const batch of o.input.chunks) {
        if (o.signal.aborted) throw abortError(o.signal);
        await Promise.all(batch.data.map((d, k) => (d.length > 0 ? ffs[k]!.write(d) : undefined)));
        frames = batch.frames;
        o.hooks.onProgress(frames / o.input.count);
        await new Promise<void>((r) => setImmediate(r));
      }
      if (o.signal.aborted) throw abortError(o.signal);
      if (frames !== o.input.count)
        throw new Error(`encodeHls: the H.264 source ended after ${frames} of ${o.input.count} frames`);
    }
    await Promise.all(ffs.map((f) => f.done()));
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
    await Promise.all(ffs.map((f) => f.kill()));
    await publisher.settled();
    await removeTemporaries(o.outDir, stagingDir);
    throw o.signal.aborted ? abortError(o.signal) : err;
  } finally {
    o.signal.removeEventListener('abort', onAbort);
  }
}

/** The lavfi graph of a generated (not 'input') audio track. */
function audioSource(audio: HlsAudio): string {
  return audio.kind === 'lavfi' ? audio.graph : 'anullsrc=channel_layout=stereo:sample_rate=48000';
}

function ffmpegArgs(
  o: EncodeHlsOptions & { input: Exclude<HlsInput, { kind: 'h264' }> },
  audio: HlsAudio,
  stagingDir: string,
): string[] {
  const input =
    o.input.kind === 'frames'
      ? [
          '-f',
          'rawvideo',
          '-pix_fmt',
          'rgba',
          '-s',
          `${o.input.width}x${o.input.height}`,
          '-framerate',
          String(FPS),
          '-i',
          'pipe:0',
        ]
      : ['-t', String(o.input.durationSeconds), '-i', o.input.path];
  // The video's exact length: the audio is cut or padded to it so no segment has audio the
  // picture lacks (or the reverse). AAC frames are 1024 samples (21.3 ms), so the last audio
  // frame of a segment still straddles the boundary: hls.js handles that, as for authored media.
  const seconds = o.input.kind === 'frames' ? o.input.count / FPS : o.input.durationSeconds;
  const source = audioSource(audio);
  const audioInput = audio.kind === 'input' ? [] : ['-f', 'lavfi', '-t', seconds.toFixed(6), '-i', source];
  const audioLabel = audio.kind === 'input' ? '[0:a:0]' : '[1:a]';
  const n = o.renditions.length;
  const fit = (r: Rendition) =>
    o.input.kind === 'file'
      ? `scale=${r.width}:${r.height}:force_original_aspect_ratio=decrease,pad=${r.width}:${r.height}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=${FPS}`
      : o.input.width === r.width && o.input.height === r.height
        ? 'null'
        : `scale=${r.width}:${r.height}:flags=bicubic`;
  const labels = (p: string) => o.renditions.map((_, i) => `[${p}${i}]`).join('');
  const graph = [
    `[0:v]split=${n}${labels('s')}`,
    ...o.renditions.map((r, i) => `[s${i}]${fit(r)}[o${i}]`),
    `${audioLabel}${fitAudio(seconds)},asplit=${n}${labels('a')}`,
  ].join(';');
  const outputs = o.renditions.flatMap((r, i) => [
    '-map',
    `[o${i}]`,
    '-map',
    `[a${i}]`,
    ...encoderArgs(o.encoder, r, o.segmentSeconds),
    ...audioArgs(),
    ...hlsArgs(stagingDir, r, o.segmentSeconds),
  ]);
  return [...input, ...audioInput, '-filter_complex', graph, ...outputs];
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
