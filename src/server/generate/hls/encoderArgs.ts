import { AUDIO_KBPS } from './audioArgs.js';
import type { Rendition } from './Rendition.js';
import { FPS } from './Rendition.js';
import type { H264Encoder } from './selectEncoder.js';

/**
 * ffmpeg video-encode arguments that follow the packaging contract (docs DESIGN.md):
 * H.264 High, yuv420p, fixed 30 fps, no B-frames (`-bf 0`: no composition offset at a
 * splice), closed GOPs, an IDR exactly at every segment start, no scene-cut keyframes,
 * and a VBV cap so BANDWIDTH can be promised before the segment is finished.
 *
 * @example
 * encoderArgs('libx264', RENDITION_360P, 1); // [-c:v libx264 -preset veryfast ... ]
 */
export function encoderArgs(encoder: H264Encoder, rendition: Rendition, segmentSeconds: number): string[] {
  const gop = String(Math.max(1, Math.round(segmentSeconds * FPS)));
  const rate = `${rendition.maxrateKbps}k`;
  const common = [
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
    '-r',
    String(FPS),
    '-bf',
    '0',
    '-g',
    gop,
    '-force_key_frames',
    `expr:gte(t,n_forced*${segmentSeconds})`,
    '-maxrate',
    rate,
    '-bufsize',
    rate,
    ...(rendition.level ? ['-level:v', rendition.level] : []),
  ];
  if (encoder === 'h264_nvenc') {
    return [
      '-c:v',
      'h264_nvenc',
      '-preset',
      'p4',
      '-tune',
      'hq',
      '-rc',
      'vbr',
      '-cq',
      '23',
      '-b:v',
      '0',
      '-forced-idr',
      '1',
      '-no-scenecut',
      '1',
      '-strict_gop',
      '1',
      ...common,
    ];
  }
  return [
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-tune',
    'animation',
    '-crf',
    '23',
    '-keyint_min',
    gop,
    '-sc_threshold',
    '0',
    '-flags',
    '+cgop',
    '-x264-params',
    'open-gop=0',
    ...common,
  ];
}

/**
 * fMP4 HLS muxer arguments writing `<name>.m3u8`, `<name>-init.mp4` and
 * `<name>-NNNNN.m4s` into `dir` (the publisher's staging folder).
 */
export function hlsArgs(dir: string, rendition: Rendition, segmentSeconds: number): string[] {
  return [
    '-f',
    'hls',
    '-hls_time',
    String(segmentSeconds),
    '-hls_segment_type',
    'fmp4',
    '-hls_playlist_type',
    'event',
    '-hls_flags',
    'independent_segments',
    '-hls_fmp4_init_filename',
    `${rendition.name}-init.mp4`,
    '-hls_segment_filename',
    `${dir}/${rendition.name}-%05d.m4s`,
    `${dir}/${rendition.name}.m3u8`,
  ];
}

/**
 * Peak bit/s a still-growing rendition may reach: the video's VBV cap plus the muxed audio
 * (counted twice: ffmpeg's AAC is average bit rate, and a short segment can run over it).
 * The BANDWIDTH to promise before the segments are measured.
 */
export function estimatedPeakBandwidth(rendition: Rendition, segmentSeconds: number): number {
  return Math.ceil(rendition.maxrateKbps * 1000 * (1 + 1 / segmentSeconds) + 2 * AUDIO_KBPS * 1000);
}
