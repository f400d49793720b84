import type { ParsedManifest, ParsedVariant } from 'm3u8-parser';
import type { AudioRendition } from './AudioTrackInfo.js';

/** What m3u8-parser reads of an EXT-X-MEDIA tag (its own typing, m3u8-parser.d.ts, names only uri/default). */
interface MediaAttributes {
  uri?: string;
  default?: boolean;
  autoselect?: boolean;
  language?: string;
}

/**
 * The `EXT-X-MEDIA TYPE=AUDIO` renditions of a master playlist's chosen variant (its AUDIO
 * group), in playlist order, URLs made absolute against the master. Empty when the variant
 * names no audio group.
 *
 * @example
 * readAudioRenditions(master, variant, 'https://cdn/x/index.m3u8');
 * // [{ id: 0, name: 'English', lang: 'en', default: true, autoselect: true, url: 'https://cdn/x/audio/en.m3u8' }]
 */
export function readAudioRenditions(
  manifest: ParsedManifest,
  variant: ParsedVariant,
  masterUrl: string,
): AudioRendition[] {
  const group = variant.attributes.AUDIO;
  if (typeof group !== 'string') return [];
  const renditions: Record<string, MediaAttributes> = manifest.mediaGroups?.AUDIO?.[group] ?? {};
  return Object.entries(renditions).map(([name, r], id) => ({
    id,
    name,
    lang: r.language ?? '',
    default: r.default === true,
    autoselect: r.autoselect === true,
    url: r.uri ? new URL(r.uri, masterUrl).href : '',
  }));
}
