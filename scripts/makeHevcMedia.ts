// HEVC test media (issue 11, ADR 0016), called by make-test-media.ts with its own stamp and
// folders, so changing it never re-encodes the other clips. Every clip is libx265 at its
// defaults (B-frames on: a two-frame composition delay and an edit list hiding it, like
// x264's); only the keyframe cadence is set, as for the other wild clips (an IRAP picture at
// every 1 s fragment start, where the player splices and switches). Packaged by ffmpeg's HLS
// muxer as fMP4, master playlists written by ffmpeg itself (-master_pl_name: its CODECS are
// what a packager writes, e.g. `hvc1.1.4.L63.B01`, not computed by us):
// - `hevc`: HEVC only, tagged `hvc1` (what Apple requires), AAC muxed in, 3 s;
// - `hevc-hev1`: the same with ffmpeg's default tag, `hev1` (Safari refuses it in MSE), 2 s;
// - `hevc-h264`: one master listing HEVC (`hvc1`) and H.264 (x264 defaults) variants, 360p and
//   720p each, as catalogs ship HEVC beside an H.264 ladder, 3 s.
// Each picture shows its variant's name and frame number.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const FPS = 30;
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf';
const VERSION = 1;

/** Keyframe cadence only (1 s fragments); every other encoder setting is the default. */
const cadence = ['-g', String(FPS), '-keyint_min', String(FPS), '-force_key_frames', 'expr:gte(t,n_forced*1)'];
const x265 = ['-c:v', 'libx265', '-x265-params', 'log-level=error'];
const audio = ['-c:a', 'aac', '-b:a', '64k', '-ac', '2', '-ar', '48000'];

function inputs(seconds: number, hz: number): string[] {
  return [
    ...['-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=${FPS}:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=${hz}:sample_rate=48000:duration=${seconds}`],
  ];
}

/** Scale to `height` and stamp `name` and the frame number on each picture. */
function picture(name: string, height: number): string {
  const text = (s: string) => `drawtext=fontfile=${FONT}:fontcolor=white:box=1:boxcolor=black@0.6:${s}`;
  return `scale=-2:${height},${text(`text='${name}':fontsize=40:x=16:y=16`)},${text(`text='%{frame_num}':fontsize=32:x=16:y=h-56`)}`;
}

/** ffmpeg's HLS muxer: fMP4, 1 s fragments, one folder per variant (`%v`), its own master. */
function hls(dir: string, variants: string): string[] {
  return [
    ...['-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4'],
    ...['-hls_fmp4_init_filename', 'init.mp4', '-master_pl_name', 'index.m3u8'],
    ...['-var_stream_map', variants],
    ...['-hls_segment_filename', join(dir, '%v', 'seg_%03d.m4s'), join(dir, '%v', 'media.m3u8')],
  ];
}

const ffmpeg = (args: string[]) => run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);

/** One HEVC variant with audio; `tag` 'hvc1' as Apple requires, or undefined for ffmpeg's default (hev1). */
async function hevcOnly(dir: string, seconds: number, tag: 'hvc1' | undefined): Promise<void> {
  await ffmpeg([
    ...inputs(seconds, 440),
    ...['-filter_complex', `[0:v]${picture(tag ? 'HEVC hvc1' : 'HEVC hev1', 360)}[v]`],
    ...['-map', '[v]', '-map', '1:a', ...x265, ...(tag ? ['-tag:v', tag] : []), ...cadence, ...audio],
    ...hls(dir, 'v:0,a:0,name:video'),
  ]);
}

/** HEVC and H.264 at 360p and 720p in one master, as ffmpeg writes it. */
async function hevcBesideH264(dir: string, seconds: number): Promise<void> {
  const names = ['hevc-360p', 'hevc-720p', 'h264-360p', 'h264-720p'];
  const split = `[0:v]split=4${names.map((_, i) => `[s${i}]`).join('')}`;
  const scaled = names.map((name, i) => `[s${i}]${picture(name, name.endsWith('720p') ? 720 : 360)}[v${i}]`);
  await ffmpeg([
    ...inputs(seconds, 520),
    ...['-filter_complex', [split, ...scaled].join(';')],
    ...names.flatMap((_, i) => ['-map', `[v${i}]`, '-map', '1:a']),
    ...['-c:v:0', 'libx265', '-c:v:1', 'libx265', '-tag:v:0', 'hvc1', '-tag:v:1', 'hvc1'],
    ...['-x265-params', 'log-level=error', '-c:v:2', 'libx264', '-c:v:3', 'libx264'],
    ...cadence,
    ...audio,
    ...hls(dir, names.map((name, i) => `v:${i},a:${i},name:${name}`).join(' ')),
  ]);
}

const CLIPS = [
  { name: 'hevc', seconds: 3, make: (dir: string) => hevcOnly(dir, 3, 'hvc1') },
  { name: 'hevc-hev1', seconds: 2, make: (dir: string) => hevcOnly(dir, 2, undefined) },
  { name: 'hevc-h264', seconds: 3, make: (dir: string) => hevcBesideH264(dir, 3) },
] as const;

/**
 * Make the HEVC clips under `out` unless its stamp says this configuration (and this ffmpeg)
 * made them already.
 *
 * @example
 * await makeHevcMedia('test/media', 'ffmpeg version 5.1.9');
 */
export async function makeHevcMedia(out: string, ffmpegVersion: string): Promise<void> {
  const stamp = join(out, '.complete-hevc');
  const settings = { VERSION, FPS, cadence, x265, audio, clips: CLIPS.map((c) => [c.name, c.seconds]) };
  const hash = createHash('sha256').update(JSON.stringify({ settings, ffmpegVersion })).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) return;
  rmSync(stamp, { force: true });
  for (const clip of CLIPS) {
    const t = performance.now();
    const dir = join(out, clip.name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await clip.make(dir);
    console.log(`[media] ${clip.name.padEnd(8)} ${clip.seconds} s  ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  writeFileSync(stamp, `${hash}\n`);
}
