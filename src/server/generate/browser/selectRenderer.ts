import type { BrowserHost } from './createBrowserHost.js';
import type { BrowserCapabilities } from './PaintPageApi.js';
import { isSoftwareRenderer, probeBrowser } from './probeBrowser.js';

/** Which path paints the procedural generator's frames. */
export type RendererKind = 'cpu' | 'browser';

export interface RendererChoice {
  renderer: RendererKind;
  /** What was found and why it chose: logged once, and shown in the bench. */
  reason: string;
  /** What the browser reported (absent when it could not be launched). */
  capabilities?: BrowserCapabilities;
}

let cached: Promise<RendererChoice> | undefined;

/**
 * The 'auto' decision, probed once per process: launch chromium (with the GPU flags), read
 * WebGL's unmasked renderer and ask WebCodecs for a hardware avc1 encoder. A software
 * rasteriser (SwiftShader, llvmpipe) means no GPU: there the CPU Skia path is faster than
 * chromium painting on SwiftShader (see docs/generators.md, "GPU path"), so it wins. A real
 * GPU renderer picks the browser path. If chromium cannot start, the CPU path is chosen.
 *
 * @example
 * const { renderer, reason } = await selectRenderer(host); // 'cpu', 'WebGL renderer is software (SwiftShader ...)'
 */
export function selectRenderer(host: BrowserHost, log: (message: string) => void): Promise<RendererChoice> {
  cached ??= decide(host).then((choice) => {
    log(`procedural renderer: ${choice.renderer} (${choice.reason})`);
    return choice;
  });
  return cached;
}

async function decide(host: BrowserHost): Promise<RendererChoice> {
  let capabilities: BrowserCapabilities;
  try {
    capabilities = await probeBrowser(host);
  } catch (e) {
    return { renderer: 'cpu', reason: `chromium unavailable: ${(e as Error).message.split('\n')[0]}` };
  }
  const encoder = capabilities.hardwareH264
    ? 'hardware avc1 encoder'
    : capabilities.webCodecsH264
      ? 'software avc1 encoder only'
      : 'no avc1 encoder';
  if (isSoftwareRenderer(capabilities.renderer)) {
    return {
      renderer: 'cpu',
      reason: `WebGL renderer is software (${capabilities.renderer || 'none'}), ${encoder}: no GPU, Skia on the CPU is faster`,
      capabilities,
    };
  }
  if (!capabilities.webCodecsH264) {
    return { renderer: 'cpu', reason: `GPU ${capabilities.renderer} but WebCodecs has no avc1 encoder`, capabilities };
  }
  return { renderer: 'browser', reason: `GPU renderer ${capabilities.renderer}, ${encoder}`, capabilities };
}
