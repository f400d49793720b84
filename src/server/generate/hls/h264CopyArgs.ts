import { audioArgs, fitAudio } from './audioArgs.js';
import { hlsArgs } from './encoderArgs.js';
import type { Rendition } from './Rendition.js';
import { FPS } from './Rendition.js';

/**
 * ffmpeg arguments that only mux: an already-encoded H.264 Annex B stream on stdin (one
 * rendition; the browser path's WebCodecs output) is copied, not re-encoded, next to the
 * AAC track from `audioSource` (a lavfi graph), into the same fMP4 HLS packaging as
 * `encoderArgs` + `hlsArgs`. The stream must already follow the contract (no B-frames, an
 * IDR at each segment start): the muxer cuts segments on those keyframes.
 *
 * A raw H.264 stream has no timestamps: `-framerate` gives them (`+genpts`), and a small
 * probe size stops ffmpeg from buffering seconds of a pipe before it starts writing.
 *
 * @example
 * spawnFfmpeg(h264CopyArgs(RENDITION_360P, 1, 2, 'anoisesrc=...', stagingDir));
 */
export function h264CopyArgs(
  rendition: Rendition,
  segmentSeconds: number,
  seconds: number,
  audioSource: string,
  stagingDir: string,
): string[] {
  return [
    '-fflags',
    '+genpts',
    '-probesize',
    '32768',
    '-analyzeduration',
    '0',
    '-f',
    'h264',
    '-framerate',
    String(FPS),
    '-i',
    'pipe:0',
    '-f',
    'lavfi',
    '-t',
    seconds.toFixed(6),
    '-i',
    audioSource,
    '-filter_complex',
    `[1:a]${fitAudio(seconds)}[a0]`,
    '-map',
    '0:v:0',
    '-map',
    '[a0]',
    '-c:v',
    'copy',
    ...audioArgs(),
    ...hlsArgs(stagingDir, rendition, segmentSeconds),
  ];
}
