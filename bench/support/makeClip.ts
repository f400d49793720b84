import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Encode a `seconds`-long 640×360 30 fps test clip into `dir` as fMP4 HLS the way
 * scripts/make-test-media.ts does (H.264 High, no B-frames, an IDR every 1 s fragment, AAC-LC),
 * and write a master playlist `index.m3u8` beside ffmpeg's `media.m3u8`. Returns the master's path.
 *
 * @example
 * const master = await makeClip(mkdtempSync(join(tmpdir(), 'clip-')), 12);
 */
export async function makeClip(dir: string, seconds: number): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const d = String(seconds);
  await run('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=30:duration=${d}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${d}`],
    ...['-c:v', 'libx264', '-profile:v', 'high', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'],
    ...['-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-bf', '0', '-flags', '+cgop'],
    ...['-force_key_frames', 'expr:gte(t,n_forced*1)'],
    ...['-c:a', 'aac', '-b:a', '96k', '-ac', '2'],
    ...['-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4'],
    ...['-hls_fmp4_init_filename', 'init.mp4', '-hls_segment_filename', join(dir, 'seg_%03d.m4s')],
    join(dir, 'media.m3u8'),
  ]);
  const master = join(dir, 'index.m3u8');
  writeFileSync(
    master,
    [
      '#EXTM3U',
      '#EXT-X-VERSION:7',
      '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-STREAM-INF:BANDWIDTH=1200000,CODECS="avc1.64001e,mp4a.40.2",RESOLUTION=640x360,FRAME-RATE=30.000',
      'media.m3u8',
      '',
    ].join('\n'),
  );
  return master;
}
