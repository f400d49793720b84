/**
 * The only file kinds the HTTP side serves, by extension. Anything else (temporary files,
 * markers, story sources in the store) is a 404: a whitelist, not a blacklist.
 */
const TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.m4a': 'audio/mp4',
  '.ts': 'video/mp2t',
  '.vtt': 'text/vtt; charset=utf-8',
  '.webm': 'video/webm',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
};

/**
 * Content type for a served file name, or undefined when that kind is never served.
 *
 * @example
 * contentTypeOf('seg_00001.m4s'); // 'video/iso.segment'
 */
export function contentTypeOf(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : TYPES[name.slice(dot).toLowerCase()];
}
