import type { BrowserHost } from './createBrowserHost.js';
import type { BrowserCapabilities } from './PaintPageApi.js';
import { PAINT_PAGE_GLOBAL } from './PaintPageApi.js';

/**
 * Software rasterisers chromium falls back to when it has no usable GPU: SwiftShader (its
 * own, also behind ANGLE's Vulkan), Mesa's llvmpipe/softpipe, and drivers that say so.
 */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render|lavapipe/i;

/**
 * Whether a WebGL UNMASKED_RENDERER string names a software rasteriser (or nothing).
 *
 * @example
 * isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) ...))'); // true
 * isSoftwareRenderer('ANGLE (NVIDIA, Vulkan 1.3.277 (NVIDIA H100 PCIe ...))'); // false
 */
export function isSoftwareRenderer(renderer: string): boolean {
  return renderer.trim() === '' || SOFTWARE.test(renderer);
}

/**
 * Ask the render browser what it has: WebGL's renderer string and whether WebCodecs offers
 * an avc1 encoder (hardware, or any). One throwaway page; the browser stays up.
 *
 * @example
 * const caps = await probeBrowser(host); // { renderer: 'ANGLE (... SwiftShader ...)', hardwareH264: false, webCodecsH264: true }
 */
export async function probeBrowser(host: BrowserHost): Promise<BrowserCapabilities> {
  const page = await host.openPage();
  try {
    return await page.evaluate((name) => {
      const api = (globalThis as unknown as Record<string, { probe(): Promise<BrowserCapabilities> }>)[name]!;
      return api.probe();
    }, PAINT_PAGE_GLOBAL);
  } finally {
    await page.close().catch(() => undefined);
  }
}
