import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** ffprobe's view of a playlist's video stream and its keyframe times. */
export function probeHls(playlist: string): {
  stream: Record<string, string | number>;
  keyframes: number[];
  frames: number;
} {
  const json = (args: string[]) =>
    JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-of', 'json', ...args, playlist]).toString());
  const stream = json([
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=codec_name,profile,level,has_b_frames,width,height,pix_fmt,r_frame_rate',
  ]).streams[0];
  const frames: { key_frame: number; pts_time: string }[] = json([
    '-select_streams',
    'v:0',
    '-show_entries',
    'frame=key_frame,pts_time',
  ]).frames;
  return {
    stream,
    keyframes: frames.filter((f) => f.key_frame === 1).map((f) => Number(f.pts_time)),
    frames: frames.length,
  };
}

/** ffprobe's view of a playlist's audio stream (undefined: none), and when its first and last frames start and end, s. */
export function probeAudio(playlist: string): {
  stream: Record<string, string | number> | undefined;
  start: number;
  end: number;
} {
  const json = (args: string[]) =>
    JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-of', 'json', ...args, playlist]).toString());
  const stream = json([
    '-select_streams',
    'a:0',
    '-show_entries',
    'stream=codec_name,profile,sample_rate,channels,channel_layout',
  ]).streams[0];
  const frames: { pts_time: string; pkt_duration_time: string }[] = stream
    ? json(['-select_streams', 'a:0', '-show_entries', 'frame=pts_time,pkt_duration_time']).frames
    : [];
  const last = frames.at(-1);
  return {
    stream,
    start: Number(frames[0]?.pts_time ?? NaN),
    end: last ? Number(last.pts_time) + Number(last.pkt_duration_time) : NaN,
  };
}

/** Audio and picture cover the same time to within one AAC frame (1024 samples at 48 kHz, 21.3 ms) at each end. */
export function audioMatchesVideo(
  audio: { start: number; end: number },
  video: { keyframes: number[]; frames: number },
): boolean {
  const start = video.keyframes[0] ?? NaN;
  const end = start + video.frames / 30;
  return Math.abs(audio.start - start) <= 1024 / 48_000 && Math.abs(audio.end - end) <= 1024 / 48_000;
}

/** Decoded audio of a playlist: integrated loudness (EBU R128, LUFS), peak (dBFS) and an md5 of the PCM. */
export function measureAudio(playlist: string): { lufs: number; peakDb: number; md5: string } {
  const ebur = spawnSync(
    'ffmpeg',
    ['-hide_banner', '-nostats', '-i', playlist, '-map', '0:a:0', '-af', 'ebur128=peak=true', '-f', 'null', '-'],
    { encoding: 'utf8' },
  );
  const summary = ebur.stderr.slice(ebur.stderr.lastIndexOf('Summary:'));
  const num = (label: string) =>
    Number(new RegExp(`${label}:\\s+(-?[\\d.]+|-inf)`).exec(summary)?.[1]?.replace('-inf', '-Infinity'));
  const md5 = execFileSync('ffmpeg', ['-v', 'error', '-i', playlist, '-map', '0:a:0', '-f', 'md5', '-'])
    .toString()
    .trim();
  return { lufs: num('I'), peakDb: num('Peak'), md5 };
}

/** Attributes of each EXT-X-STREAM-INF in a master playlist. */
export function masterVariants(outDir: string): { attrs: Record<string, string>; uri: string }[] {
  const lines = readFileSync(join(outDir, 'index.m3u8'), 'utf8').trim().split('\n');
  const out: { attrs: Record<string, string>; uri: string }[] = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('#EXT-X-STREAM-INF:')) return;
    const attrs: Record<string, string> = {};
    for (const m of line.slice(18).matchAll(/([A-Z-]+)=("[^"]*"|[^,]*)/g)) attrs[m[1]!] = m[2]!.replace(/"/g, '');
    out.push({ attrs, uri: lines[i + 1]! });
  });
  return out;
}

/** Segment URIs and durations of a media playlist, with each file's size. */
export function mediaSegments(outDir: string, playlist: string): { uri: string; duration: number; bytes: number }[] {
  const lines = readFileSync(join(outDir, playlist), 'utf8').split('\n');
  const out: { uri: string; duration: number; bytes: number }[] = [];
  lines.forEach((line, i) => {
    if (line.startsWith('#EXTINF:')) {
      const uri = lines[i + 1]!.trim();
      out.push({ uri, duration: parseFloat(line.slice(8)), bytes: statSync(join(outDir, uri)).size });
    }
  });
  return out;
}

/** The avc1 codec string for ffprobe's profile name and level number. */
export function expectedAvc1(profile: string, level: number): string {
  const idc = { Baseline: 0x42, 'Constrained Baseline': 0x42, Main: 0x4d, High: 0x64 }[profile];
  if (idc === undefined) throw new Error(`unexpected profile ${profile}`);
  return `avc1.${idc.toString(16)}00${level.toString(16).padStart(2, '0')}`;
}
