// Encrypted HLS test media (issue 11, ADR 0014): AES-128 and ClearKey, each made by a real tool, with its own stamp.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { protectFragment, protectInit } from './cencEncrypt.js';
import {
  FPS,
  FRAGMENT_SECONDS,
  OUT,
  master,
  masterPlaylist,
  probeAvc,
  run,
  stamped,
  testSource,
  timed,
  videoArgs,
} from './testMediaTools.js';

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

export async function makeEncrypted(ffmpeg: string): Promise<void> {
  const inputs = { ENCRYPTED, ENCRYPTED_VERSION, AES_KEYS, AES_IV, CLEARKEY, FPS, ffmpeg };
  await stamped('.complete-encrypted', inputs, async () => {
    for (const clip of ENCRYPTED) await timed(clip, () => encodeEncrypted(clip));
  });
}
