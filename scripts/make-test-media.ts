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
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProceduralGenerator, PROCEDURAL_VERSION, RENDITION_360P } from '../src/server/generate/index.js';
import { makeSubtitleMedia } from './makeSubtitleMedia.js';
import { makeGstreamerMedia } from './makeGstreamerMedia.js';
import { makeAltAudio } from './makeAltAudioMedia.js';
import { makeHevcMedia } from './makeHevcMedia.js';
import { makeEncrypted } from './makeEncryptedMedia.js';
import { makeLadder, makeLadderTs } from './makeLadderMedia.js';
import {
  type Clip,
  FPS,
  FRAGMENT_SECONDS,
  OUT,
  ffmpegVersion,
  master,
  masterPlaylist,
  probeAvc,
  run,
  stamped,
  testSource,
  timed,
  videoArgs,
  videoCodec,
} from './testMediaTools.js';

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

async function makeWild(ffmpeg: string): Promise<void> {
  await stamped('.complete-wild', { WILD, WILD_VERSION, FPS, ffmpeg }, async () => {
    for (const clip of WILD) await timed(clip, () => encodeWild(clip));
  });
}

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
