import { execFile } from 'node:child_process';

export type H264Encoder = 'h264_nvenc' | 'libx264';

export interface EncoderChoice {
  encoder: H264Encoder;
  /** Why: for logs and the bench table. */
  reason: string;
}

const run = (args: string[], timeoutMs: number) =>
  new Promise<{ ok: boolean; stdout: string; stderr: string }>((resolve) => {
    execFile('ffmpeg', args, { timeout: timeoutMs, maxBuffer: 4 << 20 }, (err, stdout, stderr) =>
      resolve({ ok: !err, stdout: String(stdout), stderr: String(stderr) }),
    );
  });

let cached: Promise<EncoderChoice> | undefined;

/**
 * Pick the H.264 encoder: NVENC when ffmpeg lists `h264_nvenc` AND a tiny test encode
 * succeeds (the listing alone only says ffmpeg was built with it; it fails without an
 * NVIDIA GPU and driver), else libx264. Probed once per process. Generators take an
 * `encoder` option (`offshoot serve --encoder`) that skips the probe.
 *
 * @example
 * const { encoder } = await selectEncoder(); // 'libx264' on a CPU host
 */
export function selectEncoder(): Promise<EncoderChoice> {
  cached ??= probe();
  return cached;
}

async function probe(): Promise<EncoderChoice> {
  const list = await run(['-hide_banner', '-encoders'], 10_000);
  if (!list.ok) throw new Error('selectEncoder: `ffmpeg -encoders` failed: is ffmpeg installed and on PATH?');
  if (!/\bh264_nvenc\b/.test(list.stdout)) return { encoder: 'libx264', reason: 'ffmpeg has no h264_nvenc' };
  const trial = await run(
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=c=black:s=256x144:r=30',
      '-frames:v',
      '3',
      '-c:v',
      'h264_nvenc',
      '-f',
      'null',
      '-',
    ],
    15_000,
  );
  if (trial.ok) return { encoder: 'h264_nvenc', reason: 'h264_nvenc test encode succeeded' };
  const lines = trial.stderr.trim().split('\n');
  const why = lines.find((l) => /cuda|driver|device|nvenc/i.test(l)) ?? lines.pop() ?? 'unknown error';
  return { encoder: 'libx264', reason: `h264_nvenc listed but unusable here (${why.slice(0, 120)})` };
}
