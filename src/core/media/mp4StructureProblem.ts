/** Top-level boxes a well-formed piece of fMP4 must contain. */
const REQUIRED = { init: ['moov'], fragment: ['moof', 'mdat'] } as const;

/**
 * What is wrong with `data` as an fMP4 init section or media fragment at the top level, or
 * undefined when nothing is: boxes must tile the bytes exactly (no size running past the
 * end, no trailing bytes) and hold what that kind needs (`moov`; `moof` + `mdat`). Pure, so
 * the player (before hls.js appends) and `offshoot validate --media` (before a viewer meets
 * the media) run the same check.
 *
 * @example
 * mp4StructureProblem(bytes, 'fragment'); // 'no "moof" box in this fragment'
 */
export function mp4StructureProblem(data: ArrayBuffer | Uint8Array, kind: 'init' | 'fragment'): string | undefined {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const seen = new Set<string>();
  let at = 0;
  while (at < bytes.byteLength) {
    if (at + 8 > bytes.byteLength) return `${bytes.byteLength - at} stray byte(s) at offset ${at}`;
    let size = view.getUint32(at);
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    if (!/^[\x20-\x7e]{4}$/.test(type)) return `no box type at offset ${at}`;
    if (size === 1) {
      if (at + 16 > bytes.byteLength) return `box "${type}" at offset ${at} is cut short`;
      size = Number(view.getBigUint64(at + 8));
    } else if (size === 0) {
      size = bytes.byteLength - at; // "to the end of the file"
    }
    if (size < 8 || at + size > bytes.byteLength)
      return `box "${type}" at offset ${at} claims ${size} bytes, ${bytes.byteLength - at} left`;
    seen.add(type);
    at += size;
  }
  const missing = REQUIRED[kind].filter((t) => !seen.has(t));
  if (missing.length === 0) return undefined;
  return `no ${missing.map((t) => `"${t}"`).join(' or ')} box in this ${kind === 'init' ? 'init section' : 'fragment'}`;
}
