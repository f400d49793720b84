// Test media for alternate audio (issue 11, ADR 0012), called by make-test-media.ts with its
// own stamp and folders, so changing it never re-encodes the other clips:
// - `beep-muxed`: 3 s of contract video (H.264, -bf 0, IDR every 1 s) with AAC muxed in;
// - `beep-alt`: the same video as a video-only variant, its sound in two EXT-X-MEDIA
//   renditions, English (1 kHz beeps) and Français (2 kHz beeps), fMP4, 1 s fragments (the
//   audio's are 1.0027 s: AAC frames do not divide a second, so the boundaries never line up);
//   `beep-alt/ts-audio.m3u8` names an MPEG-TS audio rendition instead (refused, not muxed);
// - `beep-ts-muxed`, `beep-ts-alt`, `beep-ts-packed` and `beep-ts-aes`: the same, packaged as Apple's classic layout (makeTsAltAudio).
// Every audio track beeps 60 ms at 0.5, 1.5 and 2.5 s: a known onset to measure sync against
// the picture's media time, in the muxed clip and the alternate one alike.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { encodeTsAltAudio } from './makeTsAltAudio.js';

const run = promisify(execFile);
const OUT = 'test/media';
const FPS = 30;
const SECONDS = 3;
/** Where each beep starts (s) and how long it lasts. */
export const BEEPS = { at: [0.5, 1.5, 2.5], seconds: 0.06 } as const;
export const BEEP_HZ = { en: 1000, fr: 2000 } as const;
const VERSION = 4;

const picture = ['-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=${FPS}:duration=${SECONDS}`];
const video = [
  '-c:v',
  'libx264',
  '-profile:v',
  'high',
  '-preset',
  'veryfast',
  '-pix_fmt',
  'yuv420p',
  '-bf',
  '0',
  '-flags',
  '+cgop',
  '-g',
  String(FPS),
  '-keyint_min',
  String(FPS),
  '-sc_threshold',
  '0',
  '-force_key_frames',
  'expr:gte(t,n_forced*1)',
];

function beep(hz: number): string[] {
  const on = BEEPS.at.map((t) => `between(t,${t},${t + BEEPS.seconds})`).join('+');
  const expr = `0.5*sin(2*PI*${hz}*t)*(${on})`;
  return ['-f', 'lavfi', '-i', `aevalsrc=exprs='${expr}|${expr}':s=48000:d=${SECONDS}`];
}

const audio = ['-c:a', 'aac', '-b:a', '96k', '-ac', '2', '-ar', '48000'];

function hls(dir: string): string[] {
  return [
    '-f',
    'hls',
    '-hls_time',
    '1',
    '-hls_playlist_type',
    'vod',
    '-hls_segment_type',
    'fmp4',
    '-hls_fmp4_init_filename',
    'init.mp4',
    '-hls_segment_filename',
    join(dir, 'seg_%03d.m4s'),
    join(dir, 'media.m3u8'),
  ];
}

const ffmpeg = (args: string[]) => run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
const CODECS = 'avc1.64001e,mp4a.40.2';
const STREAM = `#EXT-X-STREAM-INF:BANDWIDTH=1000000,CODECS="${CODECS}",RESOLUTION=640x360,FRAME-RATE=${FPS}.000`;

async function encode(): Promise<void> {
  const muxed = join(OUT, 'beep-muxed');
  const alt = join(OUT, 'beep-alt');
  for (const dir of [muxed, alt]) rmSync(dir, { recursive: true, force: true });
  mkdirSync(muxed, { recursive: true });
  await ffmpeg([...picture, ...beep(BEEP_HZ.en), '-map', '0:v', '-map', '1:a', ...video, ...audio, ...hls(muxed)]);
  writeFileSync(join(muxed, 'index.m3u8'), ['#EXTM3U', '#EXT-X-VERSION:7', STREAM, 'media.m3u8', ''].join('\n'));
  for (const sub of ['video', 'en', 'fr']) mkdirSync(join(alt, sub), { recursive: true });
  await ffmpeg([...picture, ...video, '-an', ...hls(join(alt, 'video'))]);
  for (const lang of ['en', 'fr'] as const)
    await ffmpeg([...beep(BEEP_HZ[lang]), '-vn', ...audio, ...hls(join(alt, lang))]);
  const media = (name: string, lang: string, isDefault: boolean, uri: string) =>
    `#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="${name}",LANGUAGE="${lang}",DEFAULT=${isDefault ? 'YES' : 'NO'},AUTOSELECT=YES,URI="${uri}"`;
  const master = (...renditions: string[]) =>
    ['#EXTM3U', '#EXT-X-VERSION:7', ...renditions, `${STREAM},AUDIO="aud"`, 'video/media.m3u8', ''].join('\n');
  writeFileSync(
    join(alt, 'index.m3u8'),
    master(media('English', 'en', true, 'en/media.m3u8'), media('Français', 'fr', false, 'fr/media.m3u8')),
  );
  // An MPEG-TS rendition (the bframes-ts clip's playlist): not muxable with fMP4 video.
  writeFileSync(join(alt, 'ts-audio.m3u8'), master(media('English', 'en', true, '../bframes-ts/media.m3u8')));
  await encodeTsAltAudio(OUT, { picture, beep, audio, fps: FPS });
}

/**
 * Make `beep-muxed`, `beep-alt`, `beep-ts-muxed`, `beep-ts-alt`, `beep-ts-packed` and `beep-ts-aes` unless test/media/.complete-alt-audio says they are current.
 *
 * @example
 * await makeAltAudio('ffmpeg version 7.1');
 */
export async function makeAltAudio(ffmpegVersion: string): Promise<void> {
  const stamp = join(OUT, '.complete-alt-audio');
  const hash = createHash('sha256')
    .update(JSON.stringify({ VERSION, BEEPS, BEEP_HZ, FPS, ffmpegVersion }))
    .digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) return;
  rmSync(stamp, { force: true });
  const t = performance.now();
  await encode();
  console.log(
    `[media] beep-muxed, beep-alt, beep-ts-muxed, beep-ts-alt, beep-ts-packed, beep-ts-aes ${SECONDS} s  ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  writeFileSync(stamp, `${hash}\n`);
}
