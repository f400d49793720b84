import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** ffprobe's view of a playlist's video stream and its keyframe times. */
export function probeHls(playlist: string): { stream: Record<string, string | number>; keyframes: number[]; frames: number } {
  const json = (args: string[]) => JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-of', 'json', ...args, playlist]).toString());
  const stream = json(['-select_streams', 'v:0', '-show_entries', 'stream=codec_name,profile,level,has_b_frames,width,height,pix_fmt,r_frame_rate']).streams[0];
  const frames: { key_frame: number; pts_time: string }[] = json(['-select_streams', 'v:0', '-show_entries', 'frame=key_frame,pts_time']).frames;
  return { stream, keyframes: frames.filter((f) => f.key_frame === 1).map((f) => Number(f.pts_time)), frames: frames.length };
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
