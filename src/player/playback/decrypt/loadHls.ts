import LightHls from 'hls.js/light';
import type { HlsConfig } from 'hls.js';

/** The hls.js class: the light build's and the full build's have the same API. */
export type HlsClass = typeof LightHls;

/**
 * True when the embedder configured EME (hls.js's `emeEnabled`, or `drmSystems` naming a key
 * system): only hls.js's full build has the EME controller that reads the segments'
 * SAMPLE-AES-CTR key tags and talks to the CDM.
 *
 * @example
 * needsFullHls({ emeEnabled: true, drmSystems: { 'org.w3.clearkey': { licenseUrl: '/licence' } } }); // true
 */
export function needsFullHls(config: Partial<HlsConfig>): boolean {
  return config.emeEnabled === true || Object.keys(config.drmSystems ?? {}).length > 0;
}

/**
 * The hls.js build a timeline needs: the light one (bundled, ~70 KB gzipped less) for
 * everyone, the full one, loaded lazily as its own chunk (`import('hls.js')`), only when DRM
 * is configured. With DRM, `emeEnabled` is set for the embedder who named `drmSystems` only.
 *
 * @example
 * const Hls = await loadHls(config.hlsConfig);
 * const hls = new Hls({ ...config.hlsConfig, ...ours });
 */
export function loadHls(config: Partial<HlsConfig>): HlsClass | Promise<HlsClass> {
  if (!needsFullHls(config)) return LightHls;
  return import('hls.js').then((module) => module.default as unknown as HlsClass);
}
