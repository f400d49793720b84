// A small REAL generator for backend tests (until and besides the procedural one): ffmpeg
// renders a lavfi test pattern into fMP4 HLS. ffmpeg's `temp_file` flag writes every segment
// and playlist under a temporary name and renames it into place, as the Generator contract asks.
import { spawn } from 'node:child_process';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Generator, RenderHooks, RenderJob, RenderResult } from '../../../src/server/generate/Generator.js';

export interface TestGeneratorOptions {
  width?: number;
  height?: number;
  fps?: number;
  /** Read the input at real-time speed (-re), so a render takes about its duration: for cancel/kill tests. */
  realtime?: boolean;
  /** Renders at least this many seconds long run at real-time speed (default 10): slow enough to cancel or kill. */
  realtimeFrom?: number;
  /** Receives each ffmpeg child's pid (tests check a cancelled one is gone). */
  onSpawn?: (pid: number) => void;
}

export function createFfmpegTestGenerator(options: TestGeneratorOptions = {}): Generator {
  const { width = 160, height = 90, fps = 10, realtimeFrom = 10 } = options;
  return {
    id: 'ffmpeg-test',
    version: '1',
    async render(job: RenderJob, hooks: RenderHooks, signal: AbortSignal): Promise<RenderResult> {
      const started = performance.now();
      if (signal.aborted) throw new Error('aborted before start');
      const master = [
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '#EXT-X-INDEPENDENT-SEGMENTS',
        `#EXT-X-STREAM-INF:BANDWIDTH=300000,RESOLUTION=${width}x${height},CODECS="avc1.42c00c"`,
        'media.m3u8',
        '',
      ].join('\n');
      await writeFile(join(job.outDir, 'index.m3u8.tmp'), master);
      await rename(join(job.outDir, 'index.m3u8.tmp'), join(job.outDir, 'index.m3u8'));
      const gop = Math.max(1, Math.round(fps * job.segmentSeconds));
      const hue = (job.spec.seed ?? 0) % 360;
      const args = [
        '-hide_banner',
        '-loglevel',
        'error',
        '-nostdin',
        ...(options.realtime || job.durationSeconds >= realtimeFrom ? ['-re'] : []),
        '-f',
        'lavfi',
        '-i',
        `testsrc2=size=${width}x${height}:rate=${fps}:duration=${job.durationSeconds}`,
        '-vf',
        `hue=h=${hue}`,
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-profile:v',
        'baseline',
        '-bf',
        '0',
        '-g',
        String(gop),
        '-keyint_min',
        String(gop),
        '-sc_threshold',
        '0',
        '-pix_fmt',
        'yuv420p',
        '-f',
        'hls',
        '-hls_time',
        String(job.segmentSeconds),
        '-hls_playlist_type',
        'event',
        '-hls_segment_type',
        'fmp4',
        '-hls_fmp4_init_filename',
        'init.mp4',
        '-hls_segment_filename',
        join(job.outDir, 'seg_%05d.m4s'),
        '-hls_flags',
        'temp_file+independent_segments',
        '-progress',
        'pipe:1',
        join(job.outDir, 'media.m3u8'),
      ];
      const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      if (child.pid) options.onSpawn?.(child.pid);
      let ready = 0;
      const poll = async (): Promise<void> => {
        const text = await readFile(join(job.outDir, 'media.m3u8'), 'utf8').catch(() => '');
        const seconds = [...text.matchAll(/#EXTINF:([\d.]+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
        if (seconds > ready + 1e-6) {
          ready = seconds;
          hooks.onSegment(Math.min(seconds, job.durationSeconds));
        }
      };
      const timer = setInterval(() => void poll(), 100);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        const match = /out_time_us=(\d+)/.exec(chunk);
        if (match) hooks.onProgress(Math.min(1, Number(match[1]) / 1e6 / job.durationSeconds));
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const abort = (): void => void child.kill('SIGKILL');
      signal.addEventListener('abort', abort, { once: true });
      try {
        const code = await new Promise<number | null>((resolve, reject) => {
          child.once('error', reject);
          child.once('close', resolve);
        });
        if (signal.aborted) throw new Error('render aborted');
        if (code !== 0) throw new Error(`ffmpeg exited with ${code}: ${stderr.trim().slice(0, 300)}`);
        await poll();
        hooks.onProgress(1);
        return {
          playlist: 'index.m3u8',
          frames: Math.round(job.durationSeconds * fps),
          elapsedMs: performance.now() - started,
          path: 'lavfi-testsrc2+libx264',
        };
      } finally {
        clearInterval(timer);
        signal.removeEventListener('abort', abort);
      }
    },
  };
}
