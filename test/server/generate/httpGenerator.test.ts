import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpGenerateRequest, Rendition } from '../../../src/server/generate/index.js';
import { createHttpGenerator } from '../../../src/server/generate/index.js';
import {
  audioMatchesVideo,
  expectedAvc1,
  masterVariants,
  measureAudio,
  mediaSegments,
  probeAudio,
  probeHls,
} from './support/probeHls.js';

const tiny: Rendition = { name: '180p', width: 320, height: 180, maxrateKbps: 600 };
const root = mkdtempSync(join(tmpdir(), 'offshoot-http-'));
let server: Server;
let base = '';
const received: HttpGenerateRequest[] = [];
let mp4: Buffer;
let mp4WithAudio: Buffer;

beforeAll(async () => {
  // A "model output" made the way a model server's encoder would: x264 defaults (B-frames,
  // keyframes wherever it likes), 25 fps, another size. The adapter must repackage it to contract.
  const file = join(root, 'model.mp4');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=400x240:rate=25',
    '-t',
    '2',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-bf',
    '3',
    '-g',
    '250',
    '-pix_fmt',
    'yuv420p',
    file,
  ]);
  mp4 = readFileSync(file);
  // The same with its own sound: mono 44.1 kHz AAC, shorter than the clip (the adapter pads it).
  const withAudio = join(root, 'model-audio.mp4');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-i',
    file,
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=44100:duration=1.5',
    '-c:v',
    'copy',
    '-c:a',
    'aac',
    '-ac',
    '1',
    withAudio,
  ]);
  mp4WithAudio = readFileSync(withAudio);
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url === '/fail') {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('model busy');
        return;
      }
      received.push(JSON.parse(body) as HttpGenerateRequest);
      if (req.url === '/slow') {
        // Send half now and never the rest: the render must be abortable mid-download.
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(mp4.length) });
        res.write(mp4.subarray(0, 1000));
        return;
      }
      res.writeHead(200, { 'content-type': 'video/mp4' }).end(req.url === '/with-audio' ? mp4WithAudio : mp4);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

const job = (outDir: string) => ({
  key: 'h1',
  spec: { prompt: 'A red fox at dusk', seed: 3 },
  state: { foxColor: 'red' },
  durationSeconds: 2,
  outDir,
  segmentSeconds: 1,
});
const noHooks = { onProgress: () => {}, onSegment: () => {} };

describe('HTTP generator adapter (real HTTP, real ffmpeg)', () => {
  it('POSTs the job and repackages the returned MP4 into contract-following HLS', async () => {
    const outDir = join(root, 'ok');
    const gen = createHttpGenerator({
      url: `${base}/generate`,
      version: 'test-model-1',
      renditions: [tiny],
      encoder: 'libx264',
    });
    const ready: number[] = [];
    const result = await gen.render(
      job(outDir),
      { onProgress: () => {}, onSegment: (s) => ready.push(s) },
      new AbortController().signal,
    );
    expect(received.at(-1)).toMatchObject({
      key: 'h1',
      spec: { prompt: 'A red fox at dusk' },
      state: { foxColor: 'red' },
      width: 320,
      height: 180,
      fps: 30,
    });
    expect(result).toMatchObject({ playlist: 'index.m3u8', frames: 60 });
    expect(ready.at(-1)).toBe(2);
    const probe = probeHls(join(outDir, '180p.m3u8'));
    expect(probe.stream).toMatchObject({
      codec_name: 'h264',
      has_b_frames: 0,
      width: 320,
      height: 180,
      r_frame_rate: '30/1',
    });
    // Counted from the first frame: the timeline starts after the AAC priming (~21 ms).
    expect(probe.keyframes.slice(0, 2).map((k) => Math.round((k - probe.keyframes[0]!) * 1000))).toEqual([0, 1000]);
    const [variant] = masterVariants(outDir);
    expect(variant?.attrs.CODECS).toBe(
      `${expectedAvc1(String(probe.stream.profile), Number(probe.stream.level))},mp4a.40.2`,
    );
    // The model sent no sound: the output still has an AAC track (silence), so it splices after authored media with audio.
    const audio = probeAudio(join(outDir, '180p.m3u8'));
    expect(audio.stream).toMatchObject({ codec_name: 'aac', profile: 'LC', sample_rate: '48000', channels: 2 });
    expect(audioMatchesVideo(audio, probe), JSON.stringify({ audio, video: [probe.keyframes[0], probe.frames] })).toBe(
      true,
    );
    expect(measureAudio(join(outDir, '180p.m3u8')).peakDb).toBeLessThan(-80);
    const peak = Math.max(...mediaSegments(outDir, '180p.m3u8').map((s) => (s.bytes * 8) / s.duration));
    expect(Number(variant?.attrs.BANDWIDTH)).toBeGreaterThanOrEqual(Math.floor(peak));
    expect(readdirSync(outDir).filter((n) => n.includes('.tmp') || n.startsWith('.'))).toEqual([]);
  });

  it("keeps the model's own sound, resampled to 48 kHz stereo and padded to the clip's length", async () => {
    const outDir = join(root, 'audio');
    const gen = createHttpGenerator({
      url: `${base}/with-audio`,
      version: '1',
      renditions: [tiny],
      encoder: 'libx264',
    });
    await gen.render(job(outDir), noHooks, new AbortController().signal);
    const audio = probeAudio(join(outDir, '180p.m3u8'));
    expect(audio.stream).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
    const probe = probeHls(join(outDir, '180p.m3u8'));
    expect(audioMatchesVideo(audio, probe), JSON.stringify({ audio, video: [probe.keyframes[0], probe.frames] })).toBe(
      true,
    );
    expect(measureAudio(join(outDir, '180p.m3u8')).peakDb).toBeGreaterThan(-30); // ffmpeg's sine is -18 dBFS; silence would be below -90
  });

  it('reports a failing model server with its status and message', async () => {
    const gen = createHttpGenerator({ url: `${base}/fail`, version: '1', renditions: [tiny], encoder: 'libx264' });
    await expect(gen.render(job(join(root, 'fail')), noHooks, new AbortController().signal)).rejects.toThrow(
      /\/fail answered 503 Service Unavailable: model busy/,
    );
  });

  it('aborts mid-download and removes the partial download', async () => {
    const outDir = join(root, 'slow');
    const gen = createHttpGenerator({ url: `${base}/slow`, version: '1', renditions: [tiny], encoder: 'libx264' });
    const ac = new AbortController();
    const running = gen.render(job(outDir), noHooks, ac.signal);
    setTimeout(() => ac.abort(), 300);
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(readdirSync(outDir)).toEqual([]);
  });
});
