/** Codec families the player's browsers decode in MSE (Chromium, Firefox, Safari). */
const PLAYABLE = /^(avc1|avc3|vp09|vp8|av01|mp4a\.40\.\d+|mp4a\.6b|mp4a\.69|opus|flac)(\.|$)/i;
/** HEVC plays only where the browser has a hardware or platform decoder. */
const PLATFORM = /^(hvc1|hev1)(\.|$)/i;

/**
 * How a CODECS attribute fares in the player, which keeps only variants the browser can play
 * (selectVariant asks MediaSource.isTypeSupported; the check cannot, so it knows the codec
 * families every supported browser plays): 'missing' (no CODECS: assumed playable),
 * 'playable', 'platform' (HEVC: only some browsers, see hevcFindings), or 'unknown' with the codecs at fault.
 *
 * @example
 * codecPlayability('avc1.64001f,mp4a.40.2'); // { kind: 'playable' }
 * codecPlayability('avc1.64001f,ac-3');      // { kind: 'unknown', codecs: ['ac-3'] }
 */
export function codecPlayability(codecs: string | undefined): {
  kind: 'missing' | 'playable' | 'platform' | 'unknown';
  codecs?: string[];
} {
  if (codecs === undefined || codecs.trim() === '') return { kind: 'missing' };
  const list = codecs.split(',').map((c) => c.trim());
  const unknown = list.filter((c) => !PLAYABLE.test(c) && !PLATFORM.test(c));
  if (unknown.length > 0) return { kind: 'unknown', codecs: unknown };
  const platform = list.filter((c) => PLATFORM.test(c));
  return platform.length > 0 ? { kind: 'platform', codecs: platform } : { kind: 'playable' };
}
