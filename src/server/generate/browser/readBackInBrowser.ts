import type { RenderHooks } from '../Generator.js';
import { abortError, encodeHls } from '../hls/encodeHls.js';
import type { Rendition } from '../hls/Rendition.js';
import { FPS } from '../hls/Rendition.js';
import type { H264Encoder } from '../hls/selectEncoder.js';
import type { Scene } from '../procedural/scene/Scene.js';
import type { BrowserHost } from './createBrowserHost.js';
import type { PaintPageApi } from './PaintPageApi.js';
import { PAINT_PAGE_GLOBAL } from './PaintPageApi.js';
import { createFrameSink } from './createFrameSink.js';
import { pageCloser } from './pageCloser.js';

export interface ReadBackOptions {
  host: BrowserHost;
  scene: Scene;
  renditions: readonly Rendition[];
  count: number;
  segmentSeconds: number;
  /** ffmpeg's encoder for the read-back frames: h264_nvenc on a GPU host. */
  encoder: H264Encoder;
  audioGraph: string;
  outDir: string;
  hooks: RenderHooks;
  signal: AbortSignal;
}

/**
 * The other browser variant: chromium only paints; each frame is read back (RGBA, POSTed
 * to a loopback socket, see createFrameSink) and fed to encodeHls's 'frames' input, so
 * ffmpeg encodes it (NVENC on a GPU host, where chromium's WebCodecs has no hardware H.264
 * on Linux). The page paints the next frame while one is in flight, so painting, the transfer
 * and ffmpeg's encoding overlap. The bench compares it with the WebCodecs variant.
 *
 * @example
 * await readBackInBrowser({ host, scene, renditions: [RENDITION_720P], count: 120, segmentSeconds: 1,
 *   encoder: 'h264_nvenc', audioGraph: ambienceGraph(scene), outDir, hooks, signal });
 */
export async function readBackInBrowser(o: ReadBackOptions): Promise<{ frames: number }> {
  if (o.signal.aborted) throw abortError(o.signal);
  const page = await o.host.openPage();
  const closePage = pageCloser(page);
  const onAbort = () => void closePage();
  o.signal.addEventListener('abort', onAbort);
  const largest = [...o.renditions].sort((a, b) => b.width * b.height - a.width * a.height)[0]!;
  const sink = await createFrameSink();
  const request = {
    scene: o.scene,
    width: largest.width,
    height: largest.height,
    count: o.count,
    fps: FPS,
    url: sink.url,
  };
  const sending = page.evaluate(
    ([name, req]) => (globalThis as unknown as Record<string, PaintPageApi>)[name]!.sendFrames(req),
    [PAINT_PAGE_GLOBAL, request] as const,
  );
  // A failed page (crash, closed on abort) must fail the frame it is waiting for.
  const failed = sending.then(
    () => new Promise<never>(() => undefined),
    (e: unknown) => Promise.reject(e instanceof Error ? e : new Error(String(e))),
  );
  failed.catch(() => undefined);
  const frame = (i: number) => Promise.race([sink.frame(i), failed]);
  try {
    return await encodeHls({
      outDir: o.outDir,
      segmentSeconds: o.segmentSeconds,
      renditions: o.renditions,
      encoder: o.encoder,
      input: { kind: 'frames', width: largest.width, height: largest.height, count: o.count, frame },
      audio: { kind: 'lavfi', graph: o.audioGraph },
      hooks: o.hooks,
      signal: o.signal,
    });
  } catch (e) {
    throw o.signal.aborted ? abortError(o.signal) : e;
  } finally {
    o.signal.removeEventListener('abort', onAbort);
    sink.close();
    await closePage();
  }
}
