// GStreamer-packaged test media (issue 11, a second packager beside ffmpeg): `gst-ts`, 3 s
// of a moving test picture (640×360, 30 fps) with a tone, encoded by x264enc (its veryfast
// preset: B-frames on) and avenc_aac (48 kHz stereo), cut into MPEG-TS fragments by
// hlssink2 (plugins-bad 1.22) at every keyframe after 1 s (key-int-max 30: 1 s fragments).
// hlssink2 writes the media playlist itself (VERSION 3, integer EXTINF, ENDLIST at EOS); we
// add only a master with CODECS read by ffprobe. Fragments are named .mpegts (the test
// server, Vite, would compile .ts as TypeScript). Own stamp, so it never re-encodes others.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** How long a gst-launch run may take (a normal one takes under 2 s here). */
const GST_TIMEOUT_MS = 20_000;

/** The clip: name (its folder), seconds, and the tone's frequency (Hz). */
export const GST_CLIP = { name: 'gst-ts', seconds: 3, fps: 30, tone: 660 } as const;
const GST_VERSION = 1;

/** `gst-launch-1.0 --version`'s first line, or undefined when GStreamer is not installed. */
async function gstVersion(): Promise<string | undefined> {
  try {
    return (await run('gst-launch-1.0', ['--version'])).stdout.split('\n')[0];
  } catch {
    return undefined;
  }
}

/** The gst-launch-1.0 pipeline (one argv token per element and property, no shell). */
function pipeline(dir: string): string[] {
  const { seconds, fps, tone } = GST_CLIP;
  // 10 ms audio buffers, so the tone lasts exactly as long as the picture.
  const audioBuffers = String(seconds * 100);
  const unbounded = ['max-size-time=0', 'max-size-buffers=0', 'max-size-bytes=0']; // x264's lookahead needs room
  return [
    '-q',
    'videotestsrc',
    `num-buffers=${seconds * fps}`,
    'pattern=ball',
    '!',
    `video/x-raw,width=640,height=360,framerate=${fps}/1`,
    '!',
    'videoconvert',
    '!',
    'x264enc',
    `key-int-max=${fps}`,
    'speed-preset=veryfast',
    '!',
    'video/x-h264,profile=high',
    '!',
    'h264parse',
    '!',
    'queue',
    ...unbounded,
    '!',
    'hls.video',
    'audiotestsrc',
    `num-buffers=${audioBuffers}`,
    'samplesperbuffer=480',
    `freq=${tone}`,
    '!',
    'audio/x-raw,rate=48000,channels=2',
    '!',
    'audioconvert',
    '!',
    'avenc_aac',
    'bitrate=64000',
    '!',
    'aacparse',
    '!',
    'queue',
    ...unbounded,
    '!',
    'hls.audio',
    'hlssink2',
    'name=hls',
    'target-duration=1',
    'playlist-length=0',
    'max-files=0',
    `location=${join(dir, 'seg_%03d.mpegts')}`,
    `playlist-location=${join(dir, 'media.m3u8')}`,
  ];
}

/**
 * Make `gst-ts` under `out` with GStreamer (skipped, with a line saying so, when GStreamer
 * is not installed: scripts/setup.sh installs it). `probeAvc` reads the avc1 codec string.
 *
 * @example
 * await makeGstreamerMedia('test/media', probeAvc);
 */
export async function makeGstreamerMedia(out: string, probeAvc: (file: string) => Promise<string>): Promise<void> {
  const version = await gstVersion();
  if (!version) {
    console.log(`[media] ${GST_CLIP.name}: skipped, gst-launch-1.0 is missing (run scripts/setup.sh)`);
    return;
  }
  const stamp = join(out, '.complete-gst');
  const hash = createHash('sha256').update(JSON.stringify({ GST_CLIP, GST_VERSION, version })).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) return;
  rmSync(stamp, { force: true });
  const t = performance.now();
  const dir = join(out, GST_CLIP.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await runGstLaunch(dir);
  const codecs = `${await probeAvc(join(dir, 'seg_000.mpegts'))},mp4a.40.2`;
  writeFileSync(
    join(dir, 'index.m3u8'),
    [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      `#EXT-X-STREAM-INF:BANDWIDTH=1000000,CODECS="${codecs}",RESOLUTION=640x360,FRAME-RATE=${GST_CLIP.fps}.000`,
      'media.m3u8',
      '',
    ].join('\n'),
  );
  writeFileSync(stamp, `${hash}\n`);
  console.log(
    `[media] ${GST_CLIP.name.padEnd(8)} ${GST_CLIP.seconds} s  ${((performance.now() - t) / 1000).toFixed(1)} s (GStreamer)`,
  );
}

/**
 * Runs the pipeline into `dir`. GStreamer 1.22's gst-launch sometimes hangs at shutdown after
 * hlssink2 has written every segment and the playlist's EXT-X-ENDLIST (measured here: 3 hangs in
 * 6 runs, each complete on disk; a CI run failed on it). So a run that has not exited after
 * GST_TIMEOUT_MS is accepted when the playlist is complete and every segment it lists exists,
 * and tried again (up to 3 times) when it is not.
 */
async function runGstLaunch(dir: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run('gst-launch-1.0', pipeline(dir), { timeout: GST_TIMEOUT_MS });
      return;
    } catch (error) {
      if (playlistComplete(dir)) {
        console.log(`[media] ${GST_CLIP.name}: gst-launch-1.0 wrote the whole playlist but did not exit; stopped it`);
        return;
      }
      if (attempt >= 3) throw error;
      console.log(
        `[media] ${GST_CLIP.name}: gst-launch-1.0 failed or hung before finishing (attempt ${attempt}); again`,
      );
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
  }
}

/** The media playlist ends with EXT-X-ENDLIST and every segment it lists is on disk. */
function playlistComplete(dir: string): boolean {
  const path = join(dir, 'media.m3u8');
  if (!existsSync(path)) return false;
  const text = readFileSync(path, 'utf8');
  const segments = text.split('\n').filter((line) => line.trim() && !line.startsWith('#'));
  return (
    text.includes('#EXT-X-ENDLIST') && segments.length > 0 && segments.every((s) => existsSync(join(dir, s.trim())))
  );
}
