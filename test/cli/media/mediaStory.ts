// A story whose segments point at real ffmpeg media (test/media, mounted as media/) and at
// broken variants of it written here: the playlists are edited copies of the real ones and
// point back at the real fragments, so only the one thing each variant breaks is wrong.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MEDIA = 'test/media';
const real = (clip: string, file = 'media.m3u8') => readFileSync(join(MEDIA, clip, file), 'utf8');
/** intro's media playlist with its URIs pointing at the real files under the mount. */
const intro = () =>
  real('intro')
    .replace(/^(?!#)(.+)$/gm, '../media/intro/$1')
    .replace('URI="init.mp4"', 'URI="../media/intro/init.mp4"');

const MASTER = (codecs: string | undefined, ...uris: string[]) =>
  [
    '#EXTM3U',
    ...uris.flatMap((uri) => [
      `#EXT-X-STREAM-INF:BANDWIDTH=1000000${codecs ? `,CODECS="${codecs}"` : ''},RESOLUTION=640x360`,
      uri,
    ]),
    '',
  ].join('\n');

/** Segment id → `media` value (relative to the story), in story order. */
export const SEGMENTS: Record<string, string> = {
  intro: 'media/intro/index.m3u8',
  ladder: 'media/ladder/index.m3u8',
  subs: 'media/subs-a/index.m3u8',
  nosubs: 'media/subs-a/missing-subs.m3u8',
  alt: 'media/alt-audio/index.m3u8',
  aes: 'media/aes-fmp4/index.m3u8',
  byterange: 'broken/byterange.m3u8',
  nomap: 'broken/nomap.m3u8',
  discontinuity: 'broken/discontinuity.m3u8',
  nocodecs: 'broken/nocodecs.m3u8',
  ac3: 'broken/ac3.m3u8',
  sampleaes: 'broken/sampleaes.m3u8',
  nokey: 'broken/nokey.m3u8',
  corrupt: 'broken/corrupt.m3u8',
  missing: 'broken/missing.m3u8',
  misaligned: 'broken/misaligned.m3u8',
  absent: 'broken/absent.m3u8',
  ts: 'media/bframes-ts/index.m3u8',
};

/**
 * Writes the broken playlists and the story (every segment in a chain, one generated at the
 * end) into `dir`; returns the story file. Run with `--mount media=test/media`.
 *
 * @example
 * const file = writeMediaStory(mkdtempSync(join(tmpdir(), 'm-')), SEGMENTS);
 */
export function writeMediaStory(dir: string, segments: Record<string, string>): string {
  const broken = join(dir, 'broken');
  mkdirSync(broken, { recursive: true });
  const write = (name: string, text: string) => writeFileSync(join(broken, name), text);
  write('byterange.m3u8', intro().replace('#EXTINF:1.000000,\n', '#EXTINF:1.000000,\n#EXT-X-BYTERANGE:1000@0\n'));
  write('nomap.m3u8', intro().replace(/#EXT-X-MAP.*\n/, ''));
  write('discontinuity.m3u8', intro().replace(/(#EXTINF[^\n]*\n[^\n]*seg_002)/, '#EXT-X-DISCONTINUITY\n$1'));
  write('nocodecs.m3u8', MASTER(undefined, '../media/intro/media.m3u8'));
  write('ac3.m3u8', MASTER('avc1.64001e,ac-3', '../media/intro/media.m3u8'));
  write(
    'sampleaes.m3u8',
    intro().replace('#EXT-X-MAP', '#EXT-X-KEY:METHOD=SAMPLE-AES,URI="k.bin",KEYFORMAT="identity"\n#EXT-X-MAP'),
  );
  write(
    'nokey.m3u8',
    intro().replace(
      '#EXT-X-MAP',
      '#EXT-X-KEY:METHOD=AES-128,URI="no-such.key",IV=0x000102030405060708090a0b0c0d0e0f\n#EXT-X-MAP',
    ),
  );
  // The real first fragment cut short: its mdat claims more bytes than are there.
  const fragment = readFileSync(join(MEDIA, 'intro', 'seg_000.m4s'));
  writeFileSync(join(broken, 'cut.m4s'), fragment.subarray(0, fragment.length - 100));
  write('corrupt.m3u8', intro().replace('../media/intro/seg_000.m4s', 'cut.m4s'));
  write('missing.m3u8', intro().replace('../media/intro/seg_000.m4s', 'gone.m4s'));
  write('misaligned.m3u8', MASTER('avc1.64001e,mp4a.40.2', '../media/intro/media.m3u8', '../media/forest/media.m3u8'));
  const ids = Object.keys(segments);
  const story = {
    offshoot: 1,
    id: 'media-check',
    title: 'Media check',
    start: ids[0],
    segments: Object.fromEntries([
      ...ids.map((id, i) => [id, { media: segments[id], duration: 3, next: ids[i + 1] ?? 'made' }]),
      ['made', { generate: { prompt: 'A fox on the beach.' }, duration: 2, end: true }],
    ]),
  };
  const file = join(dir, 'story.json');
  writeFileSync(file, `${JSON.stringify(story, null, 2)}\n`);
  return file;
}
