// Makes the HLS test media the browser tests play (run by `npm run media`).
// Every clip follows the splicing contract of docs/decisions/0001-seamless-splicing.md:
// H.264 High, no B-frames, an IDR at every 1 s fragment start, closed GOPs, AAC-LC,
// fMP4 HLS (VOD, ENDLIST) and a master playlist we write ourselves (ffmpeg's gets
// CODECS/BANDWIDTH wrong). Each frame shows the clip name and its frame number, over
// a hue-shifted test pattern, so any two frames can be told apart.
// Two extra clips exist for failure tests: `broken` (a fragment file is missing) and
// `bframes` (x264 defaults: B-frames with a composition delay, which breaks the contract),
// and `vp9` / `av1` (same contract in other codecs: a branch may change codec).
// One more clip, `generated`, is rendered by the real procedural generator (H.264 + AAC
// ambience, same size and codec family as the authored clips), so browser tests can splice
// authored → generated → authored media in one MediaSource.
// Idempotent: skipped when test/media/.complete holds the hash of this configuration.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { protectFragment, protectInit } from './cencEncrypt.js';
import { createProceduralGenerator, PROCEDURAL_VERSION, RENDITION_360P } from '../src/server/generate/index.js';
import { makeSubtitleMedia } from './makeSubtitleMedia.js';
import { makeGstreamerMedia } from './makeGstreamerMedia.js';
import { makeAltAudio } from './makeAltAudioMedia.js';
import { makeHevcMedia } from './makeHevcMedia.js';

const run = promisify(execFile);
const OUT = 'test/media';
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf';
const FPS = 30;
const FRAGMENT_SECONDS = 1;

interface Clip {
  name: string;
  seconds: number;
  hue: number;
  /** Contract-breaking encode (x264 default B-frames). */
  bframes?: boolean;
  /** Video codec (default H.264): VP9 and AV1 clips check that codecs can change at a branch. */
  codec?: 'vp9' | 'av1';
}

const CLIPS: Clip[] = [
  { name: 'intro', seconds: 4, hue: 0 },
  { name: 'lantern', seconds: 4, hue: 40 },
  { name: 'dark', seconds: 4, hue: 80 },
  { name: 'forest', seconds: 6, hue: 120 },
  { name: 'home', seconds: 4, hue: 160 },
  { name: 'lost', seconds: 4, hue: 200 },
  { name: 'a', seconds: 3, hue: 240 },
  { name: 'b', seconds: 3, hue: 280 },
  { name: 'c', seconds: 3, hue: 320 },
  { name: 'd', seconds: 5, hue: 20 },
  { name: 'broken', seconds: 4, hue: 60 },
  { name: 'bframes', seconds: 3, hue: 100, bframes: true },
  { name: 'vp9', seconds: 3, hue: 140, codec: 'vp9' },
  { name: 'av1', seconds: 3, hue: 220, codec: 'av1' },
];
/** Fragment deleted from `broken` after encoding (the 3rd one). */
const BROKEN_FRAGMENT = 'seg_002.m4s';
const VERSION = 5;
/** The generated clip: what the backend would render for this spec, at the authored clips' size. */
const GENERATED = {
  name: 'generated',
  seconds: 2,
  spec: { prompt: 'A fox walks along the stormy beach at dusk.', seed: 7 },
};

async function ffmpegVersion(): Promise<string> {
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-version']);
  return stdout.split('\n')[0] ?? '';
}

function videoArgs(clip: Clip): string[] {
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
function testSource(clip: { seconds: number; hue: number }): string[] {
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

async function encode(clip: Clip): Promise<void> {
  const dir = join(OUT, clip.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await run('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    ...testSource(clip),
    ...videoArgs(clip),
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    '-ac',
    '2',
    '-ar',
    '48000',
    '-f',
    'hls',
    '-hls_time',
    String(FRAGMENT_SECONDS),
    '-hls_playlist_type',
    'vod',
    '-hls_segment_type',
    'fmp4',
    '-hls_fmp4_init_filename',
    'init.mp4',
    '-hls_segment_filename',
    join(dir, 'seg_%03d.m4s'),
    join(dir, 'media.m3u8'),
  ]);
  writeFileSync(join(dir, 'index.m3u8'), masterPlaylist(dir));
  if (clip.name === 'broken') unlinkSync(join(dir, BROKEN_FRAGMENT));
}

/**
 * The video codec string straight from the init segment's configuration box: avc1.PPCCLL
 * (avcC: profile, constraints, level), vp09.PP.LL.DD (vpcC: profile, level, bit depth) or
 * av01.P.LLT.DD (av1C: profile, level, tier, bit depth).
 */
function videoCodec(init: Buffer): string {
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
function masterPlaylist(dir: string): string {
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

/** Render GENERATED with the real procedural generator, 1 s segments like the authored clips. */
async function renderGenerated(): Promise<void> {
  const t = performance.now();
  const outDir = join(OUT, GENERATED.name);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // The CPU path on every host, so the test clip is the same pixels wherever it is made.
  const generator = createProceduralGenerator({ renditions: [RENDITION_360P], renderer: 'cpu' });
  const job = {
    key: GENERATED.name,
    spec: GENERATED.spec,
    state: {},
    durationSeconds: GENERATED.seconds,
    outDir,
    segmentSeconds: FRAGMENT_SECONDS,
  };
  const result = await generator.render(
    job,
    { onProgress: () => {}, onSegment: () => {} },
    new AbortController().signal,
  );
  console.log(
    `[media] ${GENERATED.name.padEnd(8)} ${GENERATED.seconds} s  ${((performance.now() - t) / 1000).toFixed(1)} s (${result.path})`,
  );
}

/**
 * Media made the way catalogs and encoders make it (issue 11), beside the contract clips and
 * with its own stamp, so adding one never re-encodes (and briefly removes) the clips above:
 * `bframes-ts`: ffmpeg's default HLS (MPEG-TS, x264 default B-frames, AAC);
 * `alt-audio`: a video-only variant whose sound is an `EXT-X-MEDIA TYPE=AUDIO` rendition.
 * Both keep an IDR at every 1 s fragment start (a splice point needs one).
 */
const WILD = [
  { name: 'bframes-ts', seconds: 3, hue: 300 },
  { name: 'alt-audio', seconds: 3, hue: 340 },
] as const;
const WILD_VERSION = 2;

async function encodeWild(clip: (typeof WILD)[number]): Promise<void> {
  const dir = join(OUT, clip.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const inputs = testSource(clip);
  // x264 defaults (B-frames on): only the keyframe cadence is set.
  const video = videoArgs({ name: clip.name, seconds: clip.seconds, hue: clip.hue, bframes: true });
  const audio = ['-c:a', 'aac', '-b:a', '64k', '-ac', '2', '-ar', '48000'];
  const hls = (out: string, ext: string) => [
    '-f',
    'hls',
    '-hls_time',
    String(FRAGMENT_SECONDS),
    '-hls_playlist_type',
    'vod',
    '-hls_segment_filename',
    join(out, `seg_%03d.${ext}`),
    join(out, 'media.m3u8'),
  ];
  const ffmpeg = (args: string[]) => run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...inputs, ...args]);
  if (clip.name === 'bframes-ts') {
    // Named .mpegts, not .ts: the test server (Vite) would compile a .ts file as TypeScript.
    await ffmpeg([...video, ...audio, ...hls(dir, 'mpegts')]);
    const codecs = `${await probeAvc(join(dir, 'seg_000.mpegts'))},mp4a.40.2`;
    writeFileSync(join(dir, 'index.m3u8'), master(codecs, 'media.m3u8'));
    return;
  }
  const fmp4 = ['-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4'];
  for (const sub of ['video', 'audio']) mkdirSync(join(dir, sub));
  await ffmpeg(['-map', '0:v', ...videoArgs({ ...clip }), '-an', ...fmp4, ...hls(join(dir, 'video'), 'm4s')]);
  await ffmpeg(['-map', '1:a', '-vn', ...audio, ...fmp4, ...hls(join(dir, 'audio'), 'm4s')]);
  const codecs = videoCodec(readFileSync(join(dir, 'video', 'init.mp4')));
  const group =
    '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,URI="audio/media.m3u8"';
  writeFileSync(join(dir, 'index.m3u8'), master(`${codecs},mp4a.40.2`, 'video/media.m3u8', group, ',AUDIO="aud"'));
}

/** avc1.PPCCLL of an H.264 stream, from ffprobe (MPEG-TS has no avcC box to read). */
async function probeAvc(file: string): Promise<string> {
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

function master(codecs: string, uri: string, media = '', attributes = ''): string {
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
async function stamped(name: string, inputs: object, make: () => Promise<void>): Promise<void> {
  const stamp = join(OUT, name);
  const hash = createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) return;
  rmSync(stamp, { force: true });
  await make();
  writeFileSync(stamp, `${hash}\n`);
}

/** Runs `make` for `clip` and logs how long it took. */
async function timed(clip: { name: string; seconds: number }, make: () => Promise<void>): Promise<void> {
  const t = performance.now();
  await make();
  console.log(`[media] ${clip.name.padEnd(8)} ${clip.seconds} s  ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

async function makeWild(ffmpeg: string): Promise<void> {
  await stamped('.complete-wild', { WILD, WILD_VERSION, FPS, ffmpeg }, async () => {
    for (const clip of WILD) await timed(clip, () => encodeWild(clip));
  });
}

// ---- ABR ladder (issue 11, adaptive bitrate; helper H1's block) ----
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

async function makeLadder(ffmpeg: string): Promise<void> {
  await stamped('.complete-ladder', { LADDER, LADDER_VERSION, FPS, ffmpeg }, () => timed(LADDER, encodeLadder));
}
// ---- end of the ABR ladder block ----

// ---- MPEG-TS ladder (issue 11, TS switches inside a segment; helper H1's block) ----
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

async function makeLadderTs(ffmpeg: string): Promise<void> {
  await stamped('.complete-ladder-ts', { LADDER_TS, LADDER_TS_VERSION, FPS, ffmpeg }, () =>
    timed(LADDER_TS, encodeLadderTs),
  );
}
// ---- end of the MPEG-TS ladder block ----

// ---- Encrypted HLS (issue 11, H4): AES-128 media, each made by a real tool ----
/**
 * `aes-ts`: ffmpeg's own AES-128 HLS (`-hls_key_info_file`: MPEG-TS, x264 default B-frames,
 * AAC, explicit IV). `aes-fmp4`: Debian's ffmpeg 5.1 cannot encrypt fMP4 HLS ("Encrypted fmp4
 * not yet supported"), so a contract fMP4 encode is encrypted file by file with `openssl enc
 * -aes-128-cbc` (what RFC 8216 AES-128 is), and its playlist exercises what the spec allows:
 * the key before EXT-X-MAP (init section encrypted, explicit IV), key rotation (a second key,
 * IV from the media sequence number), then METHOD=NONE (the last fragment clear). Beside it,
 * playlists whose key is wrong or missing, for the error tests. Keys are `.bin` files: Vite's
 * test server refuses to serve `*.key` (its `server.fs.deny` default).
 */
const ENCRYPTED = [
  { name: 'aes-ts', seconds: 3, hue: 20 },
  { name: 'aes-fmp4', seconds: 3, hue: 180 },
  { name: 'clearkey', seconds: 3, hue: 260 },
] as const;
const ENCRYPTED_VERSION = 5;
/** The ClearKey clip's key ID and key (cenc, EME): test values. */
const CLEARKEY = { kid: '0123456789abcdef0123456789abcdef', key: '3c2b1a09f8e7d6c5b4a3928170615243' };
/** Fixed keys, so the media is the same wherever it is made (test keys, nothing secret). */
const AES_KEYS = {
  k1: '00112233445566778899aabbccddeeff',
  k2: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  wrong: 'ffeeddccbbaa99887766554433221100',
};
const AES_IV = '000102030405060708090a0b0c0d0e0f';

async function encodeEncrypted(clip: (typeof ENCRYPTED)[number]): Promise<void> {
  const dir = join(OUT, clip.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, hex] of Object.entries(AES_KEYS)) writeFileSync(join(dir, `${name}.bin`), Buffer.from(hex, 'hex'));
  const inputs = testSource(clip);
  const audio = ['-c:a', 'aac', '-b:a', '64k', '-ac', '2', '-ar', '48000'];
  const hls = ['-f', 'hls', '-hls_time', String(FRAGMENT_SECONDS), '-hls_playlist_type', 'vod'];
  const ffmpeg = (args: string[]) => run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...inputs, ...args]);
  if (clip.name === 'aes-ts') {
    // key info file: the URI written in the playlist, the key file, the IV.
    const info = join(dir, 'keyinfo');
    writeFileSync(info, `k1.bin\n${join(dir, 'k1.bin')}\n${AES_IV}\n`);
    const video = videoArgs({ name: clip.name, seconds: clip.seconds, hue: clip.hue, bframes: true });
    await ffmpeg([
      ...video,
      ...audio,
      ...hls,
      '-hls_key_info_file',
      info,
      '-hls_segment_filename',
      join(dir, 'seg_%03d.mpegts'),
      join(dir, 'media.m3u8'),
    ]);
    unlinkSync(info);
    // Decrypt one fragment to read its profile (ffprobe cannot read the encrypted bytes).
    const clear = join(dir, 'probe.mpegts');
    await openssl(['-d', '-K', AES_KEYS.k1, '-iv', AES_IV, '-in', join(dir, 'seg_000.mpegts'), '-out', clear]);
    const codecs = `${await probeAvc(clear)},mp4a.40.2`;
    unlinkSync(clear);
    writeFileSync(join(dir, 'index.m3u8'), master(codecs, 'media.m3u8'));
    return;
  }
  const fmp4 = ['-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4'];
  if (clip.name === 'clearkey')
    return encodeClearKey(dir, [...videoArgs({ ...clip }), ...audio, ...hls, ...fmp4], ffmpeg);
  await ffmpeg([
    ...videoArgs({ ...clip }),
    ...audio,
    ...hls,
    ...fmp4,
    '-hls_segment_filename',
    join(dir, 'seg_%03d.m4s'),
    join(dir, 'media.m3u8'),
  ]);
  writeFileSync(join(dir, 'index.m3u8'), masterPlaylist(dir));
  const encrypt = async (file: string, key: string, iv: string) => {
    const path = join(dir, file);
    await openssl(['-e', '-K', key, '-iv', iv, '-in', path, '-out', `${path}.enc`]);
    renameSync(`${path}.enc`, path);
  };
  const sequenceIv = (n: number) => n.toString(16).padStart(32, '0');
  await encrypt('init.mp4', AES_KEYS.k1, AES_IV);
  await encrypt('seg_000.m4s', AES_KEYS.k1, AES_IV);
  await encrypt('seg_001.m4s', AES_KEYS.k2, sequenceIv(1));
  const playlist = (k1: string, k2: string) =>
    [
      '#EXTM3U',
      '#EXT-X-VERSION:7',
      `#EXT-X-TARGETDURATION:${FRAGMENT_SECONDS}`,
      '#EXT-X-MEDIA-SEQUENCE:0',
      '#EXT-X-PLAYLIST-TYPE:VOD',
      `#EXT-X-KEY:METHOD=AES-128,URI="${k1}",IV=0x${AES_IV}`,
      '#EXT-X-MAP:URI="init.mp4"',
      '#EXTINF:1.000000,',
      'seg_000.m4s',
      `#EXT-X-KEY:METHOD=AES-128,URI="${k2}"`,
      '#EXTINF:1.000000,',
      'seg_001.m4s',
      '#EXT-X-KEY:METHOD=NONE',
      '#EXTINF:1.000000,',
      'seg_002.m4s',
      '#EXT-X-ENDLIST',
      '',
    ].join('\n');
  writeFileSync(join(dir, 'media.m3u8'), playlist('k1.bin', 'k2.bin'));
  // The rotated key is wrong / missing (404): the error tests' playlists.
  writeFileSync(join(dir, 'wrong-key.m3u8'), playlist('k1.bin', 'wrong.bin'));
  writeFileSync(join(dir, 'missing-key.m3u8'), playlist('k1.bin', 'missing.bin'));
}

/**
 * `clearkey`: cenc (AES-CTR) fMP4 for EME with ClearKey: a contract encode encrypted by
 * scripts/cencEncrypt.ts (ffmpeg 5.1's own cenc fMP4 lacks per-fragment senc boxes), its
 * playlist's SAMPLE-AES-CTR key tag naming the key ID (KEYFORMAT "org.w3.clearkey"), and the
 * ClearKey licence (JSON Web Key set) the test serves.
 */
async function encodeClearKey(
  dir: string,
  args: string[],
  ffmpeg: (args: string[]) => Promise<unknown>,
): Promise<void> {
  await ffmpeg([...args, '-hls_segment_filename', join(dir, 'seg_%03d.m4s'), join(dir, 'media.m3u8')]);
  writeFileSync(join(dir, 'index.m3u8'), masterPlaylist(dir));
  const kid = Buffer.from(CLEARKEY.kid, 'hex');
  const key = Buffer.from(CLEARKEY.key, 'hex');
  writeFileSync(join(dir, 'init.mp4'), protectInit(readFileSync(join(dir, 'init.mp4')), kid));
  const fragments = readdirSync(dir)
    .filter((f) => f.endsWith('.m4s'))
    .sort();
  fragments.forEach((f, i) =>
    writeFileSync(join(dir, f), protectFragment(readFileSync(join(dir, f)), key, 1, i * 1000)),
  );
  const tag = `#EXT-X-KEY:METHOD=SAMPLE-AES-CTR,KEYFORMAT="org.w3.clearkey",KEYFORMATVERSIONS="1",URI="data:text/plain;base64,${kid.toString('base64')}"`;
  const playlist = readFileSync(join(dir, 'media.m3u8'), 'utf8').replace('#EXT-X-MAP:', `${tag}\n#EXT-X-MAP:`);
  writeFileSync(join(dir, 'media.m3u8'), playlist);
  const b64url = (b: Buffer) => b.toString('base64url');
  writeFileSync(
    join(dir, 'licence.json'),
    JSON.stringify({ keys: [{ kty: 'oct', kid: b64url(kid), k: b64url(key) }], type: 'temporary' }),
  );
}

async function openssl(args: string[]): Promise<void> {
  await run('openssl', ['enc', '-aes-128-cbc', ...args]);
}

async function makeEncrypted(ffmpeg: string): Promise<void> {
  const inputs = { ENCRYPTED, ENCRYPTED_VERSION, AES_KEYS, AES_IV, CLEARKEY, FPS, ffmpeg };
  await stamped('.complete-encrypted', inputs, async () => {
    for (const clip of ENCRYPTED) await timed(clip, () => encodeEncrypted(clip));
  });
}
// ---- end of encrypted HLS ----

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await makeWild(await ffmpegVersion());
  await makeEncrypted(await ffmpegVersion());
  await makeLadder(await ffmpegVersion());
  await makeLadderTs(await ffmpegVersion()); // MPEG-TS ladder (H1): its own block and stamp
  await makeSubtitleMedia(OUT, await ffmpegVersion()); // subtitles (H3): its own file, stamp and folders
  await makeGstreamerMedia(OUT, probeAvc); // the second packager (H5): its own file, stamp and folder
  await makeAltAudio(await ffmpegVersion()); // alternate audio (H2): its own file, stamp and folders; after makeWild
  await makeHevcMedia(OUT, await ffmpegVersion()); // HEVC (issue 11, ADR 0016): its own file, stamp and folders
  const started = performance.now();
  const hash = createHash('sha256')
    .update(
      JSON.stringify({
        VERSION,
        CLIPS,
        FPS,
        FRAGMENT_SECONDS,
        BROKEN_FRAGMENT,
        GENERATED,
        PROCEDURAL_VERSION,
        ffmpeg: await ffmpegVersion(),
      }),
    )
    .digest('hex');
  const stamp = join(OUT, '.complete');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
    console.log(`[media] ${OUT} is up to date (${CLIPS.length + 1} clips); nothing to do.`);
    return;
  }
  rmSync(stamp, { force: true });
  mkdirSync(OUT, { recursive: true });
  // Two encodes at a time: the machines this runs on have two cores.
  const queue = [...CLIPS];
  const worker = async () => {
    for (let clip = queue.shift(); clip; clip = queue.shift()) {
      const t = performance.now();
      await encode(clip);
      console.log(`[media] ${clip.name.padEnd(8)} ${clip.seconds} s  ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  };
  await Promise.all([worker(), worker()]);
  await renderGenerated();
  writeFileSync(stamp, `${hash}\n`);
  console.log(`[media] ${CLIPS.length + 1} clips in ${OUT} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

main().catch((error: unknown) => {
  console.error('[media] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
