import { ParseStream } from 'm3u8-parser';

/** Key systems' KEYFORMATs: keys a CDM gets through EME, not bytes the engine decrypts. */
const EME_METHODS = new Set(['SAMPLE-AES', 'SAMPLE-AES-CTR', 'SAMPLE-AES-CENC']);

/**
 * The EXT-X-KEY tags of a media playlist that are EME's (SAMPLE-AES-CTR/cenc with a KEYFORMAT
 * such as "org.w3.clearkey", "urn:uuid:edef8ba9-…" for Widevine, "com.apple.streamingkeydelivery"),
 * verbatim but with a relative URI made absolute against `mediaUrl`, so the virtual playlist
 * can list them for hls.js's EME controller. m3u8-parser keeps only METHOD, URI and IV of a
 * key, hence this second look at the text (its own ParseStream reads each tag's attributes).
 *
 * @example
 * drmKeyTags('#EXT-X-KEY:METHOD=SAMPLE-AES-CTR,KEYFORMAT="org.w3.clearkey",URI="k.json"\n…', 'https://cdn/a/media.m3u8');
 * // ['#EXT-X-KEY:METHOD=SAMPLE-AES-CTR,KEYFORMAT="org.w3.clearkey",URI="https://cdn/a/k.json"']
 */
export function drmKeyTags(text: string, mediaUrl?: string): string[] {
  const tags: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('#EXT-X-KEY:')) continue;
    const stream = new ParseStream();
    let attributes: Record<string, unknown> = {};
    stream.on('data', (event: { tagType?: string; attributes?: Record<string, unknown> }) => {
      if (event.tagType === 'key') attributes = event.attributes ?? {};
    });
    stream.push(line);
    const format = typeof attributes.KEYFORMAT === 'string' ? attributes.KEYFORMAT : 'identity';
    if (!EME_METHODS.has(String(attributes.METHOD)) || format === 'identity') continue;
    const uri = typeof attributes.URI === 'string' ? attributes.URI : '';
    tags.push(uri && mediaUrl ? line.replace(`URI="${uri}"`, `URI="${new URL(uri, mediaUrl).href}"`) : line);
  }
  return tags;
}

/**
 * Tags from `drmKeyTags(text)` (relative URIs) with their URIs made absolute against `mediaUrl`.
 *
 * @example
 * resolveKeyTags(manifest.drmKeyTags ?? [], 'https://cdn/a/media.m3u8');
 */
export function resolveKeyTags(tags: string[], mediaUrl: string): string[] {
  return tags.flatMap((tag) => drmKeyTags(tag, mediaUrl));
}
