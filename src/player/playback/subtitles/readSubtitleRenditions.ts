import type { ParsedManifest } from 'm3u8-parser';
import type { SubtitleRendition } from './SubtitleTrack.js';

/** What m3u8-parser gives for an EXT-X-MEDIA rendition (its typings in this repo list less). */
interface ParsedRendition {
  uri?: string;
  default?: boolean;
  autoselect?: boolean;
  forced?: boolean;
  language?: string;
}

/**
 * The `EXT-X-MEDIA TYPE=SUBTITLES` renditions of a master playlist's subtitle group: the
 * group named by the first variant with a SUBTITLES attribute (a story's variants share one
 * group in practice; hls.js also keeps one group per level). Renditions without a URI are
 * skipped (nothing to fetch). Empty when the master lists none.
 *
 * @example
 * readSubtitleRenditions(parsePlaylist(text), 'https://cdn/s/intro/index.m3u8');
 * // [{ name: 'English', lang: 'en', default: true, autoselect: true, forced: false, url: 'https://cdn/s/intro/subs/en.m3u8' }]
 */
export function readSubtitleRenditions(master: ParsedManifest, masterUrl: string): SubtitleRendition[] {
  const variant = master.playlists?.find((v) => typeof v.attributes.SUBTITLES === 'string');
  if (!variant) return [];
  const group = (master.mediaGroups?.SUBTITLES?.[variant.attributes.SUBTITLES as string] ?? {}) as Record<
    string,
    ParsedRendition
  >;
  return Object.entries(group)
    .filter(([, r]) => typeof r.uri === 'string' && r.uri !== '')
    .map(([name, r]) => ({
      name,
      lang: r.language ?? '',
      default: r.default === true,
      autoselect: r.autoselect === true || r.default === true,
      forced: r.forced === true,
      url: new URL(r.uri!, masterUrl).href,
    }));
}
