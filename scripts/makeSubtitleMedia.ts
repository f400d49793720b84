// Subtitle test media (issue 11, H3; TS media H6): two 3 s fMP4 segments (x264 defaults: B-frames on, AAC
// muxed), each with English and French WebVTT subtitles written by ffmpeg's HLS muxer
// (`-c:s webvtt`: a `<name>_vtt.m3u8` playlist and one .vtt per fragment, cue times on
// ffmpeg's output timeline, no X-TIMESTAMP-MAP), behind a master we write listing both as
// `EXT-X-MEDIA TYPE=SUBTITLES` renditions (English DEFAULT, both AUTOSELECT). Cue texts name
// the language, segment and cue ("EN B1"); one carries VTT markup and HTML-looking text.
// Also subs-ts (the same in MPEG-TS) and subs-ts-aes (its video AES-128 encrypted).
// Own stamp and folders (subs-a, subs-b, subs-ts, subs-ts-aes), so it never re-encodes the other media.
import { execFile } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const FPS = 30;

/** Cues per segment and language: [from, to, text] in seconds of the source. */
export const SUBTITLE_CLIPS = [
  {
    name: 'subs-a',
    hue: 60,
    cues: {
      en: [
        [0.4, 1.4, 'EN A1'],
        [1.6, 2.6, '<v Narrator><i>EN</i> <b>A2</b></v> <c.loud>&lt;b&gt;not bold&lt;/b&gt;</c>'],
      ],
      fr: [
        [0.4, 1.4, 'FR A1'],
        [1.6, 2.6, 'FR A2'],
      ],
    },
  },
  {
    name: 'subs-b',
    hue: 250,
    cues: {
      en: [
        [0.5, 1.5, 'EN B1'],
        [1.8, 2.8, 'EN B2'],
      ],
      fr: [
        [0.5, 1.5, 'FR B1'],
        [1.8, 2.8, 'FR B2'],
      ],
    },
  },
] as const;
/**
 * The same as subs-a in MPEG-TS (ffmpeg's default HLS segments): its WebVTT has no
 * X-TIMESTAMP-MAP and ffmpeg's TS muxer adds its 1.4 s mux delay to the video only (ADR 0013).
 * `subs-ts-aes` is that media with its video fragments AES-128 encrypted (key `video/key.bin`,
 * IV the media sequence number, written here with Node's OpenSSL: ffmpeg 5.1's own
 * -hls_enc fails beside a subtitle stream's second playlist).
 */
export const SUBTITLE_TS_CLIP = {
  name: 'subs-ts',
  hue: 140,
  cues: {
    en: [
      [0.4, 1.4, 'EN T1'],
      [1.6, 2.6, 'EN T2'],
    ],
    fr: [
      [0.4, 1.4, 'FR T1'],
      [1.6, 2.6, 'FR T2'],
    ],
  },
} as const;
/** The AES-128 key of subs-ts-aes (fixed: the test media is the same on every run). */
export const SUBTITLE_TS_KEY = '000102030405060708090a0b0c0d0e0f';
const SUBTITLE_VERSION = 4;
const LANGUAGES = [
  { lang: 'en', name: 'English', attributes: 'DEFAULT=YES,AUTOSELECT=YES' },
  { lang: 'fr', name: 'Français', attributes: 'DEFAULT=NO,AUTOSELECT=YES' },
] as const;

const stamp = (s: number) => new Date(s * 1000).toISOString().slice(11, 23);

function vtt(cues: ReadonlyArray<readonly [number, number, string]>): string {
  return `WEBVTT\n\n${cues.map(([from, to, text]) => `${stamp(from)} --> ${stamp(to)}\n${text}\n`).join('\n')}`;
}

type Clip = (typeof SUBTITLE_CLIPS)[number] | typeof SUBTITLE_TS_CLIP;

async function encode(out: string, clip: Clip, ts = false): Promise<void> {
  const dir = join(out, clip.name);
  rmSync(dir, { recursive: true, force: true });
  for (const { lang } of LANGUAGES) {
    const work = join(dir, lang);
    mkdirSync(work, { recursive: true });
    writeFileSync(join(work, 'source.vtt'), vtt(clip.cues[lang]));
    // prettier-ignore
    await run('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=${FPS}:duration=3,hue=h=${clip.hue}`,
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=3',
      '-i', join(work, 'source.vtt'),
      '-map', '0:v', '-map', '1:a', '-map', '2:s',
      // x264 defaults (B-frames on); an IDR at every 1 s fragment start.
      '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-g', String(FPS), '-keyint_min', String(FPS),
      '-sc_threshold', '0', '-c:a', 'aac', '-b:a', '64k', '-ac', '2', '-c:s', 'webvtt',
      '-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'vod',
      ...(ts
        ? ['-hls_segment_type', 'mpegts', '-hls_segment_filename', join(work, 'seg_%03d.mpegts')]
        : ['-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4', '-hls_segment_filename', join(work, 'seg_%03d.m4s')]),
      join(work, 'media.m3u8'),
    ]);
    rmSync(join(work, 'source.vtt'));
  }
  // The English encode is the variant; the French one only gives its subtitle files.
  const subs = join(dir, 'subs');
  mkdirSync(subs);
  for (const { lang } of LANGUAGES) {
    const work = join(dir, lang);
    for (const file of readdirSync(work).filter((f) => f.endsWith('.vtt')))
      renameSync(join(work, file), join(subs, `${lang}_${file}`));
    const playlist = readFileSync(join(work, 'media_vtt.m3u8'), 'utf8').replace(
      /^media(\d+)\.vtt$/gm,
      `${lang}_media$1.vtt`,
    );
    writeFileSync(join(subs, `${lang}.m3u8`), playlist);
  }
  // ffmpeg 5.1's WebVTT encoder keeps only <i>, <b>, <u> and unescapes entities, so the markup
  // cue is put back as written: voice and class spans, and escaped HTML that must show as text.
  const markup = join(subs, 'en_media1.vtt');
  if (clip.name === 'subs-a')
    writeFileSync(markup, readFileSync(markup, 'utf8').replace(/^<i>EN<\/i>.*$/m, clip.cues.en[1][2]));
  renameSync(join(dir, 'en'), join(dir, 'video'));
  rmSync(join(dir, 'fr'), { recursive: true });
  rmSync(join(dir, 'video', 'media_vtt.m3u8'));
  const codecs = `${avc(join(dir, 'video', ts ? 'seg_000.mpegts' : 'init.mp4'))},mp4a.40.2`;
  const media = LANGUAGES.map(
    (l) =>
      `#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="${l.name}",LANGUAGE="${l.lang}",${l.attributes},URI="subs/${l.lang}.m3u8"`,
  );
  const master = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    ...media,
    `#EXT-X-STREAM-INF:BANDWIDTH=1000000,CODECS="${codecs}",RESOLUTION=640x360,FRAME-RATE=${FPS}.000,SUBTITLES="subs"`,
    'video/media.m3u8',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'index.m3u8'), master);
  // The same segment whose English rendition names a playlist that is not there (the error test).
  writeFileSync(join(dir, 'missing-subs.m3u8'), master.replace('URI="subs/en.m3u8"', 'URI="subs/none.m3u8"'));
}

/** avc1.PPCCLL from the init section's avcC box, or a TS fragment's first SPS NAL (profile, compatibility, level bytes). */
function avc(file: string): string {
  const data = readFileSync(file);
  const avcC = data.indexOf('avcC');
  const sps = data.indexOf(Buffer.from([0, 0, 1, 0x67]));
  const at = avcC >= 0 ? avcC + 5 : sps + 4;
  if (avcC < 0 && sps < 0) throw new Error(`makeSubtitleMedia: no avcC box or SPS in ${file}`);
  return `avc1.${[...data.subarray(at, at + 3)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** `subs-ts-aes`: subs-ts with its video fragments AES-128-CBC encrypted (IV: the media sequence number). */
function encryptTs(out: string): void {
  const from = join(out, SUBTITLE_TS_CLIP.name);
  const dir = join(out, `${SUBTITLE_TS_CLIP.name}-aes`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(from, dir, { recursive: true });
  const video = join(dir, 'video');
  const key = Buffer.from(SUBTITLE_TS_KEY, 'hex');
  writeFileSync(join(video, 'key.bin'), key);
  const playlist = readFileSync(join(video, 'media.m3u8'), 'utf8');
  const fragments = [...playlist.matchAll(/^seg_\d+\.mpegts$/gm)].map((m) => m[0]);
  fragments.forEach((name, sequence) => {
    const iv = Buffer.alloc(16);
    iv.writeUInt32BE(sequence, 12);
    const cipher = createCipheriv('aes-128-cbc', key, iv);
    const file = join(video, name);
    writeFileSync(file, Buffer.concat([cipher.update(readFileSync(file)), cipher.final()]));
  });
  writeFileSync(
    join(video, 'media.m3u8'),
    playlist.replace(/^#EXTINF/m, '#EXT-X-KEY:METHOD=AES-128,URI="key.bin"\n#EXTINF'),
  );
}

/**
 * Make the subtitle media in `out` unless its stamp says it is up to date.
 *
 * @example
 * await makeSubtitleMedia('test/media', ffmpegVersionLine);
 */
export async function makeSubtitleMedia(out: string, ffmpeg: string): Promise<void> {
  const file = join(out, '.complete-subtitles');
  const hash = createHash('sha256')
    .update(JSON.stringify({ SUBTITLE_CLIPS, SUBTITLE_TS_CLIP, SUBTITLE_TS_KEY, SUBTITLE_VERSION, ffmpeg }))
    .digest('hex');
  if (existsSync(file) && readFileSync(file, 'utf8').trim() === hash) return;
  rmSync(file, { force: true });
  for (const clip of SUBTITLE_CLIPS) {
    const t = performance.now();
    await encode(out, clip);
    console.log(`[media] ${clip.name.padEnd(8)} 3 s  ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  await encode(out, SUBTITLE_TS_CLIP, true);
  encryptTs(out);
  console.log(`[media] ${SUBTITLE_TS_CLIP.name} and ${SUBTITLE_TS_CLIP.name}-aes 3 s`);
  writeFileSync(file, `${hash}\n`);
}
