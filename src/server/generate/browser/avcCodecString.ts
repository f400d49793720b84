/**
 * The avc1 codec strings to try for a rendition, best first: High at the rendition's
 * level (what the x264 path writes), then Main and Constrained Baseline for encoders that
 * only do those. CODECS in the master playlist is still read from the init segment, so
 * whichever is accepted is what the playlist says.
 *
 * @example
 * avcCodecStrings('3.0'); // ['avc1.64001e', 'avc1.4d001e', 'avc1.42e01e']
 */
export function avcCodecStrings(level: string | undefined): string[] {
  const idc = Math.round(Number(level ?? '4.0') * 10);
  const hex = (Number.isFinite(idc) && idc > 0 ? idc : 40).toString(16).padStart(2, '0');
  return [`avc1.6400${hex}`, `avc1.4d00${hex}`, `avc1.42e0${hex}`];
}
