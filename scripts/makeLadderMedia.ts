// The ABR ladders (issue 11, ADR 0011 and 0015), each with its own stamp: `ladder` (fMP4, the
// contract encode at a constant bitrate per rendition) and `ladder-ts` (ffmpeg's default HLS).
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FPS,
  FRAGMENT_SECONDS,
  OUT,
  probeAvc,
  run,
  stamped,
  testSource,
  timed,
  videoArgs,
  videoCodec,
} from './testMediaTools.js';

/**
 * `ladder`: one 8 s clip in three renditions (240p / 360p / 720p) as a catalog ladder is
 * made: the contract encode (no B-frames, IDR at every 1 s fragment start) at a constant
 * bitrate each (x264 nal-hrd=cbr, so a fragment's size says its rendition whatever the
 * picture), muxed AAC, and a master playlist listing all three. The fragments line up in time
 * across the ladder, so the player can switch rendition at any fragment boundary. Each frame
 * shows its rendition's height, so a screenshot tells which one played.
 */
const LADDER = {
  name: 'ladder',
  seconds: 8,
  hue: 180,
  renditions: [
    { height: 240, width: 426, kbps: 300 },
    { height: 360, width: 640, kbps: 1000 },
    { height: 720, width: 1280, kbps: 2500 },
  ],
} as const;
const LADDER_VERSION = 1;

/** `args` (videoArgs') with the picture scaled to the rendition's size at the end of its filter chain. */
function scaled(args: string[], r: { width: number; height: number }): string[] {
  const vf = args.indexOf('-vf') + 1;
  args[vf] = `${args[vf]},scale=${r.width}:${r.height}`;
  return args;
}

/**
 * A ladder rendition's x264 rate and its sound: a constant `kbps` (nal-hrd=cbr, so a fragment's
 * size says its rendition whatever the picture), AAC stereo at 64 kbit/s.
 */
function constantBitrate(kbps: number): string[] {
  const rate = `${kbps}k`;
  return [
    ...['-b:v', rate, '-minrate', rate, '-maxrate', rate, '-bufsize', `${kbps / 2}k`],
    ...['-x264-params', 'nal-hrd=cbr'],
    ...['-c:a', 'aac', '-b:a', '64k', '-ac', '2', '-ar', '48000'],
  ];
}

/** The master playlist's two lines for the rendition in `out`: BANDWIDTH its peak fragment (files ending `ext`). */
function variantEntry(
  out: string,
  ext: string,
  codecs: string,
  r: { height: number; width: number },
): [string, string] {
  const sizes = readdirSync(out).filter((f) => f.endsWith(ext));
  const peak = Math.max(...sizes.map((f) => (statSync(join(out, f)).size * 8) / FRAGMENT_SECONDS));
  return [
    `#EXT-X-STREAM-INF:BANDWIDTH=${Math.ceil(peak)},CODECS="${codecs}",RESOLUTION=${r.width}x${r.height},FRAME-RATE=${FPS}.000`,
    `${r.height}p/media.m3u8`,
  ];
}

async function encodeLadder(): Promise<void> {
  const dir = join(OUT, LADDER.name);
  rmSync(dir, { recursive: true, force: true });
  const variants: string[] = [];
  for (const r of LADDER.renditions) {
    const out = join(dir, `${r.height}p`);
    mkdirSync(out, { recursive: true });
    const d = String(LADDER.seconds);
    const contract = scaled(
      videoArgs({ name: `${LADDER.name} ${r.height}p`, seconds: LADDER.seconds, hue: LADDER.hue }),
      r,
    );
    await run('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=${FPS}:duration=${d}`],
      ...['-f', 'lavfi', '-i', `sine=frequency=660:sample_rate=48000:duration=${d}`],
      ...contract,
      ...constantBitrate(r.kbps),
      ...['-f', 'hls', '-hls_time', String(FRAGMENT_SECONDS), '-hls_playlist_type', 'vod'],
      ...['-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4'],
      ...['-hls_segment_filename', join(out, 'seg_%03d.m4s'), join(out, 'media.m3u8')],
    ]);
    const codecs = `${videoCodec(readFileSync(join(out, 'init.mp4')))},mp4a.40.2`;
    variants.push(...variantEntry(out, '.m4s', codecs, r));
  }
  const master = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS', ...variants, ''];
  writeFileSync(join(dir, 'index.m3u8'), master.join('\n'));
}

export async function makeLadder(ffmpeg: string): Promise<void> {
  await stamped('.complete-ladder', { LADDER, LADDER_VERSION, FPS, ffmpeg }, () => timed(LADDER, encodeLadder));
}

/**
 * `ladder-ts`: the `ladder` clip (240p / 360p / 720p, constant bitrate, 8 s) as ffmpeg's
 * default HLS makes it: MPEG-TS segments, x264's defaults (B-frames on), muxed AAC, an IDR at
 * every 1 s fragment start in every rendition (forced keyframes at the same times, so the
 * fragments line up). Each rendition is its own encode, as a packager runs one per rendition,
 * and each starts its timestamps where its muxer did: 240p at ffmpeg's default (1.4 s plus the
 * B-frame delay), 360p and 720p `ORIGINS` seconds later, as encoders started at other times
 * would. RFC 8216 asks for matching timestamps across variants; not every packager gives them,
 * and the player must not depend on it (ADR 0015).
 */
const LADDER_TS = {
  name: 'ladder-ts',
  seconds: 8,
  hue: 180,
  renditions: [
    { height: 240, width: 426, kbps: 300, origin: 0 },
    { height: 360, width: 640, kbps: 1000, origin: 10 },
    { height: 720, width: 1280, kbps: 2500, origin: 95 },
  ],
} as const;
const LADDER_TS_VERSION = 1;

async function encodeLadderTs(): Promise<void> {
  const dir = join(OUT, LADDER_TS.name);
  rmSync(dir, { recursive: true, force: true });
  const variants: string[] = [];
  for (const r of LADDER_TS.renditions) {
    const out = join(dir, `${r.height}p`);
    mkdirSync(out, { recursive: true });
    const name = `${LADDER_TS.name} ${r.height}p`;
    // x264 defaults (B-frames on): only the keyframe cadence, the size and the bitrate are set.
    const video = scaled(videoArgs({ name, seconds: LADDER_TS.seconds, hue: LADDER_TS.hue, bframes: true }), r);
    await run('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...testSource({ seconds: LADDER_TS.seconds, hue: LADDER_TS.hue }),
      ...video,
      ...constantBitrate(r.kbps),
      ...['-output_ts_offset', String(r.origin)],
      ...['-f', 'hls', '-hls_time', String(FRAGMENT_SECONDS), '-hls_playlist_type', 'vod'],
      // Named .mpegts, not .ts: the test server (Vite) would compile a .ts file as TypeScript.
      ...['-hls_segment_filename', join(out, 'seg_%03d.mpegts'), join(out, 'media.m3u8')],
    ]);
    const codecs = `${await probeAvc(join(out, 'seg_000.mpegts'))},mp4a.40.2`;
    variants.push(...variantEntry(out, '.mpegts', codecs, r));
  }
  const master = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS', ...variants, ''];
  writeFileSync(join(dir, 'index.m3u8'), master.join('\n'));
}

export async function makeLadderTs(ffmpeg: string): Promise<void> {
  await stamped('.complete-ladder-ts', { LADDER_TS, LADDER_TS_VERSION, FPS, ffmpeg }, () =>
    timed(LADDER_TS, encodeLadderTs),
  );
}
