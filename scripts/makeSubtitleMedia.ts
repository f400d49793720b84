// Subtitle test media (issue 11, H3): two 3 s fMP4 segments (x264 defaults: B-frames on, AAC
// muxed), each with English and French WebVTT subtitles written by ffmpeg's HLS muxer
// (`-c:s webvtt`: a `<name>_vtt.m3u8` playlist and one .vtt per fragment, cue times on
// ffmpeg's output timeline, no X-TIMESTAMP-MAP), behind a master we write listing both as
// `EXT-X-MEDIA TYPE=SUBTITLES` renditions (English DEFAULT, both AUTOSELECT). Cue texts name
// the language, segment and cue ("EN B1"); one carries VTT markup and HTML-looking text.
// Own stamp and folders (subs-a, subs-b), so it never re-encodes the other media.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
const SUBTITLE_VERSION = 2;
const LANGUAGES = [
  { lang: 'en', name: 'English', attributes: 'DEFAULT=YES,AUTOSELECT=YES' },
  { lang: 'fr', name: 'Français', attributes: 'DEFAULT=NO,AUTOSELECT=YES' },
] as const;

const stamp = (s: number) => new Date(s * 1000).toISOString().slice(11, 23);

function vtt(cues: ReadonlyArray<readonly [number, number, string]>): string {
  return `WEBVTT\n\n${cues.map(([from, to, text]) => `${stamp(from)} --> ${stamp(to)}\n${text}\n`).join('\n')}`;
}

async function encode(out: string, clip: (typeof SUBTITLE_CLIPS)[number]): Promise<void> {
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
      '-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4',
      '-hls_fmp4_init_filename', 'init.mp4', '-hls_segment_filename', join(work, 'seg_%03d.m4s'), join(work, 'media.m3u8'),
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
  const codecs = `${avc(join(dir, 'video', 'init.mp4'))},mp4a.40.2`;
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

/** avc1.PPCCLL from the init section's avcC box (profile, compatibility, level bytes). */
function avc(file: string): string {
  const init = readFileSync(file);
  const at = init.indexOf('avcC');
  if (at < 0) throw new Error(`makeSubtitleMedia: no avcC box in ${file}`);
  return `avc1.${[...init.subarray(at + 5, at + 8)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Make the subtitle media in `out` unless its stamp says it is up to date.
 *
 * @example
 * await makeSubtitleMedia('test/media', ffmpegVersionLine);
 */
export async function makeSubtitleMedia(out: string, ffmpeg: string): Promise<void> {
  const file = join(out, '.complete-subtitles');
  const hash = createHash('sha256').update(JSON.stringify({ SUBTITLE_CLIPS, SUBTITLE_VERSION, ffmpeg })).digest('hex');
  if (existsSync(file) && readFileSync(file, 'utf8').trim() === hash) return;
  rmSync(file, { force: true });
  for (const clip of SUBTITLE_CLIPS) {
    const t = performance.now();
    await encode(out, clip);
    console.log(`[media] ${clip.name.padEnd(8)} 3 s  ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  writeFileSync(file, `${hash}\n`);
}
