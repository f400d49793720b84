import { chromiumArgs, chromiumPath } from '../../../../scripts/chromium.mjs';

/**
 * Flags that let headless chromium use a real GPU when the host has one. Without them
 * headless Linux chromium rasterises on SwiftShader even next to a GPU:
 * - `--ignore-gpu-blocklist`: data-center GPUs (and many drivers) are block-listed for
 *   WebGL/GPU raster by default;
 * - `--enable-gpu-rasterization`: Canvas2D (what paintFrame draws with) is rastered by Skia
 *   in the GPU process instead of on the CPU;
 * - `--use-angle=vulkan` + `--enable-features=Vulkan,...`: ANGLE on the Vulkan driver, the
 *   path that works headless on NVIDIA (`--use-gl=egl` is rejected by headless Chrome ≥131);
 *   `--disable-vulkan-surface`: there is no display to present to;
 * - `VaapiVideoEncoder`: WebCodecs' hardware H.264 on Intel/AMD (VA-API); chromium has no
 *   NVENC path on Linux, so on NVIDIA hosts WebCodecs encodes in software (OpenH264).
 * On a host without a GPU chromium falls back to SwiftShader with these flags too, which is
 * how the 'auto' probe tells the two apart. The procedural generator's `chromiumGpuFlags`
 * option (`offshoot serve --chromium-gpu-flags`) replaces the list for other drivers.
 */
export const CHROMIUM_GPU_ARGS: readonly string[] = [
  '--enable-gpu',
  '--ignore-gpu-blocklist',
  '--enable-gpu-rasterization',
  '--enable-zero-copy',
  '--use-angle=vulkan',
  '--enable-features=Vulkan,VaapiVideoEncoder,VaapiVideoDecoder,CanvasOopRasterization',
  '--disable-vulkan-surface',
];

/**
 * The readback variant POSTs frames from the page (served from memory, so chromium counts it
 * as a public origin) to a loopback socket; Local/Private Network Access would block that
 * (or ask for a permission nobody can grant headless).
 */
const LOOPBACK_ARGS = [
  '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights',
];

/**
 * playwright-core launch options for the render browser: the project's chromium and flags
 * (scripts/chromium.mjs: Debian's chromium, never a downloaded one) plus the GPU flags.
 *
 * @example
 * await chromium.launch(renderBrowserLaunchOptions(['--use-angle=gl']));
 */
export function renderBrowserLaunchOptions(gpuFlags: readonly string[] = CHROMIUM_GPU_ARGS): {
  executablePath: string;
  args: string[];
  headless: boolean;
} {
  return {
    executablePath: chromiumPath,
    args: [...chromiumArgs, ...gpuFlags, ...LOOPBACK_ARGS],
    headless: true,
  };
}
