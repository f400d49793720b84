import type { Page } from 'playwright-core';
import type { RenderHooks } from '../Generator.js';
import type { H264Batch } from '../hls/encodeHls.js';
import { abortError, encodeHls } from '../hls/encodeHls.js';
import type { Rendition } from '../hls/Rendition.js';
import { FPS } from '../hls/Rendition.js';
import type { Scene } from '../procedural/scene/Scene.js';
import type { BrowserHost } from './createBrowserHost.js';
import type { PaintPageApi, StartRequest, TakeReply } from './PaintPageApi.js';
import { PAINT_PAGE_GLOBAL } from './PaintPageApi.js';
import { pageCloser } from './pageCloser.js';

/** How long the page may go without encoding anything before the job fails. */
const STALL_MS = 60_000;

export interface BrowserRenderOptions {
  host: BrowserHost;
  scene: Scene;
  /** Largest first is not required: they are sorted here. */
  renditions: readonly Rendition[];
  count: number;
  segmentSeconds: number;
  /** Ask for a hardware VideoEncoder (only when the probe found one). */
  hardware: boolean;
  audioGraph: string;
  outDir: string;
  hooks: RenderHooks;
  signal: AbortSignal;
}

/**
 * Render one job in a page of the shared chromium: the page paints each frame with
 * paintFrame and encodes it with WebCodecs (one VideoEncoder per rendition); the Annex B
 * bytes stream back through take() into `encodeHls`'s 'h264' input, where ffmpeg copies
 * them next to the AAC ambience. The page is closed afterwards whatever happens; closing it
 * on abort is what stops chromium's work (a pending take() then rejects).
 *
 * @example
 * await renderInBrowser({ host, scene, renditions: [RENDITION_360P], count: 60, segmentSeconds: 1,
 *   hardware: false, audioGraph: ambienceGraph(scene), outDir, hooks, signal });
 */
export async function renderInBrowser(o: BrowserRenderOptions): Promise<{ frames: number; codecs: string[] }> {
  if (o.signal.aborted) throw abortError(o.signal);
  const page = await o.host.openPage();
  const crashed = new Promise<never>((_, reject) => {
    page.once('crash', () => reject(new Error('chromium page crashed')));
    page.once('close', () => reject(new Error('chromium page closed')));
  });
  crashed.catch(() => undefined);
  const closePage = pageCloser(page);
  const onAbort = () => void closePage();
  o.signal.addEventListener('abort', onAbort);
  try {
    // encodeHls expects the renditions in the order of the page's streams: largest first.
    const renditions = [...o.renditions].sort((a, b) => b.width * b.height - a.width * a.height);
    const request: StartRequest = {
      scene: o.scene,
      renditions: renditions.map((r) => ({
        width: r.width,
        height: r.height,
        bitrate: r.maxrateKbps * 700,
        ...(r.level ? { level: r.level } : {}),
      })),
      count: o.count,
      fps: FPS,
      gop: Math.max(1, Math.round(o.segmentSeconds * FPS)),
      hardware: o.hardware,
    };
    const { codecs } = await watched(evaluate<{ codecs: string[] }>(page, 'start', request), crashed);
    const chunks = async function* (): AsyncGenerator<H264Batch> {
      for (;;) {
        const reply = await watched(evaluate<TakeReply>(page, 'take'), crashed);
        yield { frames: reply.frames, data: reply.chunks.map((c) => Buffer.from(c, 'base64')) };
        if (reply.done) return;
      }
    };
    const { frames } = await encodeHls({
      outDir: o.outDir,
      segmentSeconds: o.segmentSeconds,
      renditions,
      encoder: 'libx264', // unused by the 'h264' input (ffmpeg copies); required by the options type
      input: { kind: 'h264', count: o.count, chunks: chunks() },
      audio: { kind: 'lavfi', graph: o.audioGraph },
      hooks: o.hooks,
      signal: o.signal,
    });
    return { frames, codecs };
  } catch (e) {
    throw o.signal.aborted ? abortError(o.signal) : e;
  } finally {
    o.signal.removeEventListener('abort', onAbort);
    await closePage();
  }
}

/**
 * `call`, failing if the page crashes or closes, or if it answers nothing for STALL_MS: a
 * hung GPU process or encoder would otherwise hold the job (and its worker) forever.
 */
async function watched<T>(call: Promise<T>, crashed: Promise<never>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`chromium produced nothing for ${STALL_MS / 1000} s`)), STALL_MS);
  });
  try {
    return await Promise.race([call, crashed, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/** Call a method of the page's API by name (functions cannot cross the DevTools protocol). */
function evaluate<T>(page: Page, method: keyof PaintPageApi, arg?: unknown): Promise<T> {
  return page.evaluate(
    ([name, m, a]) => {
      const api = (globalThis as unknown as Record<string, Record<string, (x: unknown) => unknown>>)[name]!;
      return api[m]!(a);
    },
    [PAINT_PAGE_GLOBAL, method, arg] as const,
  ) as Promise<T>;
}
