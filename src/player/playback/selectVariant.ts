import type { ParsedVariant } from 'm3u8-parser';

/** What the choice of a segment's rendition depends on. */
export interface VariantContext {
  /** Current throughput estimate, bits per second. */
  bandwidthBps: number;
  /** Device pixels the picture is shown at (height); undefined: no cap. */
  maxHeight?: number;
  /** Whether this browser can play a `video/mp4; codecs="…"` type (MediaSource.isTypeSupported). */
  isSupported(mimeType: string): boolean;
}

/** Headroom: a rendition is picked only if it needs at most this share of the measured throughput. */
const BANDWIDTH_SAFETY = 0.7;

/**
 * Pick a master playlist's rendition for one segment: only codecs this browser plays (a
 * variant without CODECS is assumed playable), then the best one that fits the measured
 * throughput with headroom and is no taller than needed for the picture, else the lightest
 * playable one. Chosen per segment at its first fetch and fixed for it: every segment is its
 * own discontinuity with its own init section, so neighbours may differ in size or codec.
 * Returns undefined when no variant is playable.
 *
 * @example
 * selectVariant(master.playlists, { bandwidthBps: 4e6, maxHeight: 720, isSupported: (t) => MediaSource.isTypeSupported(t) });
 */
export function selectVariant(variants: readonly ParsedVariant[], context: VariantContext): ParsedVariant | undefined {
  const playable = variants.filter((v) => {
    const codecs = v.attributes.CODECS;
    return !codecs || context.isSupported(`video/mp4; codecs="${codecs}"`);
  });
  if (playable.length === 0) return undefined;
  const bandwidth = (v: ParsedVariant) => v.attributes.BANDWIDTH ?? 0;
  const height = (v: ParsedVariant) => (v.attributes.RESOLUTION as { height?: number } | undefined)?.height ?? 0;
  const byWeight = [...playable].sort((a, b) => bandwidth(a) - bandwidth(b) || height(a) - height(b));
  const affordable = byWeight.filter((v) => bandwidth(v) <= context.bandwidthBps * BANDWIDTH_SAFETY);
  if (affordable.length === 0) return byWeight[0];
  // The smallest affordable one that fills the picture; if none does, the largest affordable.
  const max = context.maxHeight;
  const filling = max ? affordable.find((v) => height(v) >= max) : undefined;
  return filling ?? affordable[affordable.length - 1];
}
