// The script inside the paint page (bundled by rollup to dist/node/paint-page.js, an IIFE).
// It runs the SAME painter as the CPU path (paintFrame on a CanvasRenderingContext2D), on
// a browser canvas: Skia in chromium's GPU process on a GPU host, SwiftShader otherwise.
// Frames go to one WebCodecs VideoEncoder per rendition (Annex B, no B-frames, a keyframe
// at every segment start); Node pulls the bytes with take() and ffmpeg only muxes them.
import { paintFrame } from '../procedural/render/paintFrame.js';
import type { Scene } from '../procedural/scene/Scene.js';
import { avcCodecStrings } from './avcCodecString.js';
import type {
  BrowserCapabilities,
  PageRendition,
  PaintPageApi,
  StartReply,
  StartRequest,
  TakeReply,
} from './PaintPageApi.js';
import { PAINT_PAGE_GLOBAL } from './PaintPageApi.js';

/** How many frames the painter may run ahead of what Node has taken (bounded memory). */
const AHEAD = 30;

type Ctx2D = OffscreenCanvasRenderingContext2D;

function canvas2d(width: number, height: number): { canvas: OffscreenCanvas; ctx: Ctx2D } {
  const canvas = new OffscreenCanvas(width, height);
  // alpha:false: frames are opaque, as on the Skia path (black background first).
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('paint page: no 2D context');
  return { canvas, ctx };
}

function paintInto(ctx: Ctx2D, scene: Scene, t: number, width: number, height: number): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#000000';
  ctx.fillRect(0, 0, width, height);
  // OffscreenCanvasRenderingContext2D has the same drawing API paintFrame uses.
  paintFrame(ctx as unknown as CanvasRenderingContext2D, scene, t, width, height);
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** A yield that is not clamped like nested setTimeout(0) (4 ms) nor throttled like rAF in a hidden page. */
const channel = new MessageChannel();
const yieldQueue: Array<() => void> = [];
channel.port1.onmessage = () => yieldQueue.shift()?.();
const nextTask = () =>
  new Promise<void>((r) => {
    yieldQueue.push(r);
    channel.port2.postMessage(0);
  });

async function configFor(r: PageRendition, fps: number, hardware: boolean): Promise<VideoEncoderConfig> {
  for (const codec of avcCodecStrings(r.level)) {
    const config: VideoEncoderConfig = {
      codec,
      width: r.width,
      height: r.height,
      bitrate: r.bitrate,
      framerate: fps,
      bitrateMode: 'variable',
      hardwareAcceleration: hardware ? 'prefer-hardware' : 'no-preference',
      latencyMode: 'quality',
      avc: { format: 'annexb' },
    };
    if ((await VideoEncoder.isConfigSupported(config)).supported) return config;
  }
  throw new Error(`paint page: no avc1 encoder for ${r.width}x${r.height}`);
}

interface Job {
  queues: Uint8Array[][];
  encoded: number[];
  taken: number;
  done: boolean;
  stopped: boolean;
  error?: Error;
  encoders: VideoEncoder[];
  wake: () => void;
  waiters: Array<() => void>;
}

let job: Job | undefined;

const waitFor = (j: Job) => new Promise<void>((r) => j.waiters.push(r));

async function runJob(j: Job, req: StartRequest): Promise<void> {
  const [big, ...rest] = req.renditions;
  if (!big) throw new Error('paint page: no renditions');
  const main = canvas2d(big.width, big.height);
  const scaled = rest.map((r) => {
    const c = canvas2d(r.width, r.height);
    c.ctx.imageSmoothingQuality = 'high';
    return c;
  });
  for (let i = 0; i < req.count; i++) {
    while (!j.stopped && i - j.taken > AHEAD) await waitFor(j);
    if (j.stopped) return;
    paintInto(main.ctx, req.scene, i / req.fps, big.width, big.height);
    const sources = [
      main.canvas,
      ...scaled.map((s) => {
        s.ctx.drawImage(main.canvas, 0, 0, s.canvas.width, s.canvas.height);
        return s.canvas;
      }),
    ];
    const timestamp = Math.round((i * 1e6) / req.fps);
    sources.forEach((src, k) => {
      const frame = new VideoFrame(src, { timestamp, duration: Math.round(1e6 / req.fps) });
      j.encoders[k]!.encode(frame, { keyFrame: i % req.gop === 0 });
      frame.close();
    });
    // Let output callbacks run; keep the encoder queues short so memory stays bounded. Wait
    // for 'dequeue' rather than spinning: a busy page would steal the CPU the encoder needs.
    await nextTask();
    while (!j.stopped && j.encoders.some((e) => e.encodeQueueSize > 2)) {
      await Promise.race([
        waitFor(j),
        ...j.encoders.map((e) => new Promise((r) => e.addEventListener('dequeue', r, { once: true }))),
      ]);
    }
  }
  await Promise.all(j.encoders.map((e) => e.flush()));
  j.done = true;
  j.wake();
}

const api: PaintPageApi = {
  async probe(): Promise<BrowserCapabilities> {
    const gl =
      document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    const renderer = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    const base = {
      codec: 'avc1.64001f',
      width: 1280,
      height: 720,
      bitrate: 3_000_000,
      framerate: 30,
      avc: { format: 'annexb' as const },
    };
    const supported = async (c: VideoEncoderConfig) =>
      typeof VideoEncoder !== 'undefined' &&
      (await VideoEncoder.isConfigSupported(c).then(
        (r) => r.supported === true,
        () => false,
      ));
    return {
      renderer,
      hardwareH264: await supported({ ...base, hardwareAcceleration: 'prefer-hardware' }),
      webCodecsH264: await supported(base),
    };
  },

  async start(req: StartRequest): Promise<StartReply> {
    api.stop();
    const configs = await Promise.all(req.renditions.map((r) => configFor(r, req.fps, req.hardware)));
    const j: Job = {
      queues: configs.map(() => []),
      encoded: configs.map(() => 0),
      taken: 0,
      done: false,
      stopped: false,
      encoders: [],
      waiters: [],
      wake: () => j.waiters.splice(0).forEach((w) => w()),
    };
    const fail = (e: unknown) => {
      j.error ??= e instanceof Error ? e : new Error(String(e));
      j.wake();
    };
    j.encoders = configs.map((config, k) => {
      const encoder = new VideoEncoder({
        output: (chunk) => {
          const bytes = new Uint8Array(chunk.byteLength);
          chunk.copyTo(bytes);
          j.queues[k]!.push(bytes);
          j.encoded[k]!++;
          j.wake();
        },
        error: fail,
      });
      encoder.configure(config);
      return encoder;
    });
    job = j;
    runJob(j, req).catch(fail);
    return { codecs: configs.map((c) => c.codec) };
  },

  async take(): Promise<TakeReply> {
    const j = job;
    if (!j) throw new Error('paint page: take() before start()');
    while (!j.error && !j.done && j.queues.every((q) => q.length === 0)) await waitFor(j);
    if (j.error) throw j.error;
    const chunks = j.queues.map((q) => {
      const all = new Uint8Array(q.reduce((n, b) => n + b.length, 0));
      let at = 0;
      for (const b of q) {
        all.set(b, at);
        at += b.length;
      }
      q.length = 0;
      return toBase64(all);
    });
    j.taken = Math.min(...j.encoded);
    j.wake();
    return { frames: j.taken, chunks, done: j.done };
  },

  async sendFrames({ scene, width, height, count, fps, url }) {
    const { ctx } = canvas2d(width, height);
    let sent: Promise<unknown> = Promise.resolve();
    for (let i = 0; i < count; i++) {
      paintInto(ctx, scene, i / fps, width, height);
      const rgba = ctx.getImageData(0, 0, width, height).data;
      await sent; // one frame in flight while the next is painted
      // no-cors: a simple cross-origin POST, no preflight; Node holds the reply for backpressure.
      sent = fetch(`${url}${i}`, { method: 'POST', body: rgba, mode: 'no-cors' });
    }
    await sent;
  },

  stop(): void {
    if (!job) return;
    job.stopped = true;
    for (const e of job.encoders) if (e.state !== 'closed') e.close();
    job.wake();
    job = undefined;
  },

  pixels(scene, width, height, t) {
    const { ctx } = canvas2d(width, height);
    paintInto(ctx, scene, t, width, height);
    return toBase64(new Uint8Array(ctx.getImageData(0, 0, width, height).data.buffer));
  },

  async hash(scene, width, height, t) {
    const { ctx } = canvas2d(width, height);
    paintInto(ctx, scene, t, width, height);
    const digest = await crypto.subtle.digest('SHA-256', ctx.getImageData(0, 0, width, height).data);
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  },
};

(globalThis as unknown as Record<string, PaintPageApi>)[PAINT_PAGE_GLOBAL] = api;
