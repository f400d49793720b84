// The tools every test-media script shares: the ffmpeg runner, the test picture and tone, the
// contract encode (docs/decisions/0001-seamless-splicing.md), codec strings read from the media,
// master playlists, and the stamps that keep `npm run media` idempotent.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);
export const OUT = 'test/media';
export const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf';
export const FPS = 30;
export const FRAGMENT_SECONDS = 1;

export interface Clip {
  name: string;
  seconds: number;
  hue: number;
  /** Contract-breaking encode (x264 default B-frames). */
  bframes?: boolean;
  /** Video codec (default H.264): VP9 and AV1 clips check that codecs can change at a branch. */
  codec?: 'vp9' | 'av1';
}

export async function ffmpegVersion(): Promise<string> {
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-version']);
  return stdout.split('\n')[0] ?? '';
}

export function videoArgs(clip: Clip): string[] {
  const text = (s: string) => `drawtext=fontfile=${FONT}:fontcolor=white:box=1:boxcolor=black@0.6:${s}`;
  const vf = [
    `hue=h=${clip.hue}`,
    text(`text='${clip.name}':fontsize=64:x=24:y=24`),
    text(`text='%{frame_num}':fontsize=48:x=24:y=h-80`),
  ].join(',');
  const gop = FPS * FRAGMENT_SECONDS;
  const keyframes = [
    '-g',
    String(gop),
    '-keyint_min',
    String(gop),
    '-sc_threshold',
    '0',
    '-force_key_frames',
    `expr:gte(t,n_forced*${FRAGMENT_SECONDS})`,
  ];
  // VP9 and AV1 have no B-frames to turn off; a keyframe still starts every fragment.
  if (clip.codec === 'vp9')
    return [
      '-vf',
      vf,
      '-c:v',
      'libvpx-vp9',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-b:v',
      '800k',
      '-pix_fmt',
      'yuv420p',
      '-g',
      String(gop),
      '-keyint_min',
      String(gop),
      '-force_key_frames',
      `expr:gte(t,n_forced*${FRAGMENT_SECONDS})`,
    ];
  if (clip.codec === 'av1')
    return [
      '-vf',
      vf,
      '-c:v',
      'libsvtav1',
      '-preset',
      '12',
      '-b:v',
      '800k',
      '-pix_fmt',
      'yuv420p',
      '-g',
      String(gop),
      '-svtav1-params',
      `keyint=${gop}:irefresh-type=2`,
    ];
  const common = ['-vf', vf, '-c:v', 'libx264', '-profile:v', 'high', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'];
  // The contract: no B-frames, closed GOP. `bframes` keeps x264's defaults on purpose.
  const contract = clip.bframes ? [] : ['-bf', '0', '-flags', '+cgop'];
  return [...common, ...keyframes, ...contract];
}

/** ffmpeg inputs for a clip: the 640×360 test picture and a tone set by its hue, `seconds` long. */
export function testSource(clip: { seconds: number; hue: number }): string[] {
  const d = String(clip.seconds);
  return [
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=640x360:rate=${FPS}:duration=${d}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${300 + clip.hue * 2}:sample_rate=48000:duration=${d}`,
  ];
}

/**
 * The video codec string straight from the init segment's configuration box: avc1.PPCCLL
 * (avcC: profile, constraints, level), vp09.PP.LL.DD (vpcC: profile, level, bit depth) or
 * av01.P.LLT.DD (av1C: profile, level, tier, bit depth).
 */
export function videoCodec(init: Buffer): string {
  const hex = (b: number | undefined) => (b ?? 0).toString(16).padStart(2, '0');
  const dec = (n: number) => String(n).padStart(2, '0');
  let at = init.indexOf('avcC');
  if (at >= 0) return `avc1.${hex(init[at + 5])}${hex(init[at + 6])}${hex(init[at + 7])}`;
  at = init.indexOf('vpcC');
  if (at >= 0) return `vp09.${dec(init[at + 8] ?? 0)}.${dec(init[at + 9] ?? 0)}.${dec((init[at + 10] ?? 0) >> 4)}`;
  at = init.indexOf('av1C');
  if (at >= 0) {
    const a = init[at + 5] ?? 0;
    const b = init[at + 6] ?? 0;
    const depth = b & 0x40 ? (a >> 5 === 2 && b & 0x20 ? 12 : 10) : 8;
    return `av01.${a >> 5}.${dec(a & 0x1f)}${b & 0x80 ? 'H' : 'M'}.${dec(depth)}`;
  }
  throw new Error('make-test-media: no avcC, vpcC or av1C box in init.mp4');
}

/** Master playlist with CODECS read from the file and BANDWIDTH = peak fragment bitrate. */
export function masterPlaylist(dir: string): string {
  const codecs = `${videoCodec(readFileSync(join(dir, 'init.mp4')))},mp4a.40.2`;
  const fragments = readdirSync(dir).filter((f) => f.endsWith('.m4s'));
  const peak = Math.max(...fragments.map((f) => (statSync(join(dir, f)).size * 8) / FRAGMENT_SECONDS));
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    `#EXT-X-STREAM-INF:BANDWIDTH=${Math.ceil(peak)},CODECS="${codecs}",RESOLUTION=640x360,FRAME-RATE=${FPS}.000`,
    'media.m3u8',
    '',
  ].join('\n');
}

/** avc1.PPCCLL of an H.264 stream, from ffprobe (MPEG-TS has no avcC box to read). */
export async function probeAvc(file: string): Promise<string> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=profile,level',
    '-of',
    'default=nw=1',
    file,
  ]);
  const profile = /profile=(\w+)/.exec(stdout)?.[1];
  const level = Number(/level=(\d+)/.exec(stdout)?.[1]);
  const idc = { Baseline: 0x42, Main: 0x4d, High: 0x64 }[profile ?? ''];
  if (!idc || !level) throw new Error(`make-test-media: cannot read the H.264 profile of ${file}`);
  return `avc1.${idc.toString(16)}00${level.toString(16).padStart(2, '0')}`;
}

export function master(codecs: string, uri: string, media = '', attributes = ''): string {
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    ...(media ? [media] : []),
    `#EXT-X-STREAM-INF:BANDWIDTH=1000000,CODECS="${codecs}",RESOLUTION=640x360,FRAME-RATE=${FPS}.000${attributes}`,
    uri,
    '',
  ].join('\n');
}

/**
 * Runs `make` unless test/media/`name` (a stamp) holds the hash of `inputs`, all the media
 * depends on; writes the stamp once it is made. Idempotent: `npm run media` remakes only what changed.
 */
export async function stamped(name: string, inputs: object, make: () => Promise<void>): Promise<void> {
  const stamp = join(OUT, name);
  const hash = createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) return;
  rmSync(stamp, { force: true });
  await make();
  writeFileSync(stamp, `${hash}\n`);
}

/** Runs `make` for `clip` and logs how long it took. */
export async function timed(clip: { name: string; seconds: number }, make: () => Promise<void>): Promise<void> {
  const t = performance.now();
  await make();
  console.log(`[media] ${clip.name.padEnd(8)} ${clip.seconds} s  ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
