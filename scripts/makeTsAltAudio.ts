// Apple's classic HLS layout for alternate audio (issue 11, ADR 0012), made by real tools:
// - `beep-ts-muxed`: 3 s of x264-default video (B-frames) with the English beeps muxed in,
//   MPEG-TS (ffmpeg's default HLS), 1 s fragments: the muxed segment a story splices around;
// - `beep-ts-alt`: ONE ffmpeg run (`-var_stream_map`) writing a video-only MPEG-TS variant
//   (`video/`), two audio-only MPEG-TS renditions (`en/`, `fr/`) and the master playlist with
//   their EXT-X-MEDIA tags (`index.m3u8`, ffmpeg's own), all on one clock as a packager writes them;
// - `beep-ts-packed/index.m3u8`: the same video with packed-AAC renditions (`beep-ts-alt/en-aac/`,
//   `fr-aac/`). Neither Debian's ffmpeg 5.1 (its HLS muxer writes MPEG-TS for audio-only
//   output whatever the segment's extension, `.aac` included) nor GStreamer 1.22's hlssink2
//   (mpegtsmux only) writes packed audio, so each TS audio fragment is rewritten by ffmpeg as
//   ADTS (`-c:a copy -f adts`) and given the ID3 tag HLS defines for packed audio (RFC 8216
//   §3.4: a PRIV frame `com.apple.streaming.transportStreamTimestamp` with the first frame's
//   33-bit PTS, read here from the TS fragment by ffprobe), as Apple's segmenter writes it.
// - `beep-ts-aes`: `beep-ts-alt`'s video and MPEG-TS renditions AES-128 encrypted with one key
//   (`k.bin`) by openssl, as a packager encrypts a ladder (encryptLayout says why not ffmpeg).
// Segments are named .mpegts, not .ts: the test server (Vite) would compile a .ts file.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OWNER = 'com.apple.streaming.transportStreamTimestamp';
/** beep-ts-aes's AES-128 key and IV (fixed, so the media is made again alike). */
const AES_KEY = '3c0b5b1f6b8e4d2a9f7c1e0d2b4a6c8e';
const AES_IV = '0f0e0d0c0b0a09080706050403020100';

/** What makeAltAudioMedia shares: the picture input, a beep track input, the AAC settings. */
export interface TsAltAudioInputs {
  picture: string[];
  beep(hz: number): string[];
  audio: string[];
  fps: number;
}

/** x264 defaults (B-frames on); only the keyframe cadence is set: an IDR at every 1 s fragment. */
function x264(fps: number): string[] {
  const keyframes = ['-g', String(fps), '-keyint_min', String(fps), '-sc_threshold', '0'];
  return [
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-pix_fmt',
    'yuv420p',
    ...keyframes,
    '-force_key_frames',
    'expr:gte(t,n_forced*1)',
  ];
}

const hls = ['-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'vod'];
const ffmpeg = (args: string[]) => run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);

/**
 * Write `beep-ts-muxed`, `beep-ts-alt`, `beep-ts-packed` and `beep-ts-aes` under `out` (called by makeAltAudioMedia, under its stamp).
 *
 * @example
 * await encodeTsAltAudio('test/media', { picture, beep, audio, fps: 30 });
 */
export async function encodeTsAltAudio(out: string, inputs: TsAltAudioInputs): Promise<void> {
  const { picture, beep, audio, fps } = inputs;
  const muxed = join(out, 'beep-ts-muxed');
  const alt = join(out, 'beep-ts-alt');
  for (const dir of [muxed, alt]) rmSync(dir, { recursive: true, force: true });
  mkdirSync(muxed, { recursive: true });
  await ffmpeg([
    ...picture,
    ...beep(1000),
    ...x264(fps),
    ...audio,
    ...hls,
    '-master_pl_name',
    'index.m3u8',
    '-hls_segment_filename',
    join(muxed, 'seg_%03d.mpegts'),
    join(muxed, 'media.m3u8'),
  ]);
  mkdirSync(alt, { recursive: true });
  await encodeLayout(alt, inputs);
  for (const lang of ['en', 'fr']) await packAudio(join(alt, lang), join(alt, `${lang}-aac`));
  // The packed layout's master in a folder of its own (each clip is a folder's index.m3u8), its
  // URIs pointing into beep-ts-alt.
  const packed = join(out, 'beep-ts-packed');
  rmSync(packed, { recursive: true, force: true });
  mkdirSync(packed);
  const index = readFileSync(join(alt, 'index.m3u8'), 'utf8')
    .replace(/URI="(en|fr)\//g, 'URI="../beep-ts-alt/$1-aac/')
    .replace(/^video\//m, '../beep-ts-alt/video/');
  writeFileSync(join(packed, 'index.m3u8'), index);
  await encryptLayout(alt, join(out, 'beep-ts-aes'));
}

/**
 * `from`'s video and MPEG-TS audio renditions AES-128 encrypted into `to` by openssl (AES-128-CBC,
 * PKCS#7 padding: what ffmpeg's `-hls_key_info_file` writes, which fails in ffmpeg 5.1 beside
 * `-var_stream_map`), each media playlist given the EXT-X-KEY line ffmpeg writes.
 */
async function encryptLayout(from: string, to: string): Promise<void> {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to);
  writeFileSync(join(to, 'k.bin'), Buffer.from(AES_KEY, 'hex'));
  writeFileSync(join(to, 'index.m3u8'), readFileSync(join(from, 'index.m3u8')));
  for (const sub of ['video', 'en', 'fr']) {
    mkdirSync(join(to, sub));
    for (const name of readdirSync(join(from, sub)).filter((f) => f.endsWith('.mpegts')))
      await run('openssl', [
        ...['enc', '-aes-128-cbc', '-K', AES_KEY, '-iv', AES_IV],
        ...['-in', join(from, sub, name), '-out', join(to, sub, name)],
      ]);
    const playlist = readFileSync(join(from, sub, 'media.m3u8'), 'utf8');
    const key = `#EXT-X-KEY:METHOD=AES-128,URI="../k.bin",IV=0x${AES_IV}\n`;
    writeFileSync(join(to, sub, 'media.m3u8'), playlist.replace(/^#EXTINF/m, `${key}#EXTINF`));
  }
}

/** One ffmpeg run: the video-only variant, `en` and `fr` audio renditions and ffmpeg's master, in `dir`. */
async function encodeLayout(dir: string, inputs: TsAltAudioInputs): Promise<void> {
  const { picture, beep, audio, fps } = inputs;
  const streams =
    'v:0,agroup:aud,name:video a:0,agroup:aud,language:en,name:en,default:yes a:1,agroup:aud,language:fr,name:fr';
  await ffmpeg([
    ...picture,
    ...beep(1000),
    ...beep(2000),
    ...['-map', '0:v', '-map', '1:a', '-map', '2:a'],
    ...x264(fps),
    ...audio,
    ...hls,
    ...['-master_pl_name', 'index.m3u8', '-var_stream_map', streams],
    ...['-hls_segment_filename', join(dir, '%v', 'seg_%03d.mpegts')],
    join(dir, '%v', 'media.m3u8'),
  ]);
}

/** The packed-AAC copy of an MPEG-TS audio rendition: each fragment as ADTS behind its ID3 timestamp. */
async function packAudio(from: string, to: string): Promise<void> {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from).filter((f) => f.endsWith('.mpegts'))) {
    const source = join(from, name);
    const target = join(to, name.replace(/\.mpegts$/, '.aac'));
    const { stdout } = await run('ffprobe', [
      ...['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=start_pts', '-of', 'csv=p=0', source],
    ]);
    const pts = Number(stdout.trim().split(/\s+/)[0]); // listed under the program and the stream
    if (!Number.isInteger(pts)) throw new Error(`makeTsAltAudio: no audio start PTS in ${source} (${stdout})`);
    await ffmpeg(['-i', source, '-c:a', 'copy', '-f', 'adts', target]);
    writeFileSync(target, Buffer.concat([id3Timestamp(pts), readFileSync(target)]));
  }
  const playlist = readFileSync(join(from, 'media.m3u8'), 'utf8');
  writeFileSync(join(to, 'media.m3u8'), playlist.replace(/\.mpegts$/gm, '.aac'));
}

/** An ID3v2.4 tag holding one PRIV frame: the transportStreamTimestamp owner and `pts` as 8 bytes. */
function id3Timestamp(pts: number): Buffer {
  const body = Buffer.alloc(OWNER.length + 1 + 8);
  body.write(OWNER, 'latin1');
  body.writeUInt32BE(Math.floor(pts / 2 ** 32), OWNER.length + 1);
  body.writeUInt32BE(pts % 2 ** 32, OWNER.length + 5);
  const frame = Buffer.concat([Buffer.from('PRIV'), syncsafe(body.length), Buffer.alloc(2), body]);
  return Buffer.concat([Buffer.from([0x49, 0x44, 0x33, 4, 0, 0]), syncsafe(frame.length), frame]);
}

function syncsafe(n: number): Buffer {
  return Buffer.from([(n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f]);
}
