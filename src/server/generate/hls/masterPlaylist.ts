import type { Rendition } from './Rendition.js';
import { FPS } from './Rendition.js';

export interface VariantEntry {
  rendition: Rendition;
  /** RFC 6381 codec string(s) read from the init segment, e.g. `avc1.64001e,mp4a.40.2`. */
  codec: string;
  /** Peak segment bit rate, bit/s. */
  bandwidth: number;
  /** Mean bit rate, bit/s, once known (finished rendition). */
  averageBandwidth?: number;
}

/**
 * Text of a master playlist with correct CODECS, BANDWIDTH, RESOLUTION and FRAME-RATE
 * (ffmpeg's own master playlist gets CODECS and BANDWIDTH wrong, so we write it).
 * Variants go highest first.
 *
 * @example
 * masterPlaylist([{ rendition: RENDITION_360P, codec: 'avc1.64001e,mp4a.40.2', bandwidth: 900000 }]);
 */
export function masterPlaylist(variants: readonly VariantEntry[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const v of [...variants].sort((a, b) => b.rendition.height - a.rendition.height)) {
    const attrs = [
      `BANDWIDTH=${Math.ceil(v.bandwidth)}`,
      ...(v.averageBandwidth !== undefined ? [`AVERAGE-BANDWIDTH=${Math.ceil(v.averageBandwidth)}`] : []),
      `CODECS="${v.codec}"`,
      `RESOLUTION=${v.rendition.width}x${v.rendition.height}`,
      `FRAME-RATE=${FPS.toFixed(3)}`,
    ];
    lines.push(`#EXT-X-STREAM-INF:${attrs.join(',')}`, `${v.rendition.name}.m3u8`);
  }
  return `${lines.join('\n')}\n`;
}
