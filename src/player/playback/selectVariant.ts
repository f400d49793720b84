import type { ParsedVariant } from 'm3u8-parser';
import { videoCodecFamily } from '../../core/media/videoCodecFamily.js';
import { chooseRendition } from './chooseRendition.js';
import type { RenditionInput } from './chooseRendition.js';

/** What the choice of a fragment's rendition depends on, besides the ladder. */
export interface VariantContext extends Omit<RenditionInput, 'current'> {
  /** Whether this browser can play a `video/mp4; codecs="…"` type (MediaSource.isTypeSupported). */
  isSupported(mimeType: string): boolean;
}

/** A variant's BANDWIDTH (0 when missing). */
export const variantBandwidth = (v: ParsedVariant): number => v.attributes.BANDWIDTH ?? 0;
/** A variant's RESOLUTION height (0 when missing). */
export const variantHeight = (v: ParsedVariant): number =>
  (v.attributes.RESOLUTION as { height?: number } | undefined)?.height ?? 0;

/**
 * Pick a master playlist's rendition for the next fragment of a segment: only codecs this
 * browser plays (a variant without CODECS is assumed playable), HEVC variants as a ladder of
 * their own (hevcLadder: where the browser decodes HEVC, those, else the others), sorted
 * lightest first, then `chooseRendition`'s rules (box cap, safe first pick, emergency,
 * hysteresis) from the throughput estimate, the buffer ahead and `current`, the variant the
 * segment is on. Returns undefined when no variant is playable.
 *
 * @example
 * selectVariant(master.playlists, { estimateBps: 4e6, bufferAheadSeconds: 0, playing: false, fragmentSeconds: 1,
 *   maxHeight: 720, isSupported: (t) => MediaSource.isTypeSupported(t) });
 */
export function selectVariant(
  variants: readonly ParsedVariant[],
  context: VariantContext,
  current?: ParsedVariant,
): ParsedVariant | undefined {
  const playable = variants.filter((v) => {
    const codecs = v.attributes.CODECS;
    return !codecs || context.isSupported(`video/mp4; codecs="${codecs}"`);
  });
  if (playable.length === 0) return undefined;
  const hevc = hevcLadder(playable, current);
  const ladder = playable
    .filter((v) => !v.attributes.CODECS || isHevc(v) === hevc)
    .sort((a, b) => variantBandwidth(a) - variantBandwidth(b) || variantHeight(a) - variantHeight(b));
  const options = ladder.map((v) => ({ bandwidth: variantBandwidth(v), height: variantHeight(v) }));
  const index = current ? ladder.indexOf(current) : -1;
  return ladder[chooseRendition(options, { ...context, current: index < 0 ? undefined : index })];
}

const isHevc = (v: ParsedVariant) => videoCodecFamily(v.attributes.CODECS) === 'hevc';

/**
 * Whether a segment's rendition is chosen among the HEVC variants (true) or the others. A
 * catalog ships HEVC beside a full H.264 ladder, for the browsers that decode it (the same
 * picture for fewer bits), so each is a ladder of its own: HEVC when any playable variant is
 * HEVC, except that a segment already on a rendition stays on its side (a switch inside a
 * segment never changes between HEVC and H.264: it would need the SourceBuffer's changeType
 * in mid-stream, which is not measured, ADR 0016). Variants without CODECS go with either.
 *
 * @example
 * hevcLadder(playable); // true in Safari for an HEVC + H.264 master; false in Debian's chromium (no HEVC is playable)
 */
export function hevcLadder(playable: readonly ParsedVariant[], current?: ParsedVariant): boolean {
  if (current?.attributes.CODECS && playable.includes(current)) return isHevc(current);
  return playable.some(isHevc);
}
