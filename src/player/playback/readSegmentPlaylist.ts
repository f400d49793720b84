import { Parser } from 'm3u8-parser';
import type { ParsedManifest, ParsedVariant } from 'm3u8-parser';
import { PlaybackError } from './PlaybackError.js';
import { noPlayableVariant } from './checkCodecSupport.js';
import { readAudioRenditions } from './audio/readAudioRenditions.js';
import type { AudioRendition } from './audio/AudioTrackInfo.js';
import { aesKeyRef } from './decrypt/AesKeyRef.js';
import type { AesKeyRef } from './decrypt/AesKeyRef.js';
import { drmKeyTags, resolveKeyTags } from './decrypt/drmKeyTags.js';

/** One fragment of a segment, URL made absolute. */
export interface FragmentRef {
  url: string;
  duration: number;
  /** AES-128 encrypted: how to decrypt it (decrypt/AesDecrypter); absent for clear media. */
  key?: AesKeyRef;
}

/** What the engine needs from a segment's media playlist. */
export interface SegmentPlaylist {
  /** The media playlist's URL (the variant, when the source was a master). */
  mediaUrl: string;
  /** EXT-X-MAP URI, absolute; empty for MPEG-TS fragments (no init section). */
  initUrl: string;
  /** The init section is AES-128 encrypted (an EXT-X-KEY came before EXT-X-MAP). */
  initKey?: AesKeyRef;
  /** EME key tags (SAMPLE-AES-CTR with a KEYFORMAT), URIs absolute: listed for hls.js's EME controller. */
  drmKeys?: string[];
  fragments: FragmentRef[];
  /** ENDLIST seen: the segment will not grow any more. */
  complete: boolean;
  /** The chosen variant's EXT-X-MEDIA audio renditions (audio/AlternateAudio muxes a separate one in); absent: none. */
  audio?: AudioRendition[];
}

/** Parse HLS text with m3u8-parser (never by hand). */
export function parsePlaylist(text: string): ParsedManifest {
  const parser = new Parser();
  parser.push(text);
  parser.end();
  const keys = drmKeyTags(text);
  if (keys.length > 0) parser.manifest.drmKeyTags = keys;
  return parser.manifest;
}

/**
 * Read a segment's playlist. A master playlist is followed to the variant `choose` picks
 * (selectVariant: codec support, throughput, picture size; default: the first one).
 *
 * @example
 * const p = await readSegmentPlaylist('/media/intro/index.m3u8', (u) => fetch(u).then((r) => r.text()));
 * p.fragments.length; // 4
 */
export async function readSegmentPlaylist(
  url: string,
  fetchText: (url: string) => Promise<string>,
  choose: (variants: ParsedVariant[]) => ParsedVariant | undefined = (variants) => variants[0],
): Promise<SegmentPlaylist> {
  let mediaUrl = new URL(url, document.baseURI).href;
  let manifest = parsePlaylist(await fetchText(mediaUrl));
  let audio: AudioRendition[] = [];
  if (manifest.playlists?.length) {
    const variant = choose(manifest.playlists);
    if (!variant) {
      const codecs = manifest.playlists.map((v) => v.attributes.CODECS);
      throw new PlaybackError('media-incompatible', noPlayableVariant(mediaUrl, codecs));
    }
    audio = readAudioRenditions(manifest, variant, mediaUrl);
    mediaUrl = new URL(variant.uri, mediaUrl).href;
    manifest = parsePlaylist(await fetchText(mediaUrl));
  }
  const playlist = toSegmentPlaylist(manifest, mediaUrl);
  return audio.length > 0 ? { ...playlist, audio } : playlist;
}

/** Validate a parsed media playlist against what splicing needs and make its URLs absolute. */
export function toSegmentPlaylist(manifest: ParsedManifest, mediaUrl: string): SegmentPlaylist {
  const invalid = (why: string) => new PlaybackError('playlist-invalid', `${mediaUrl}: ${why}`);
  const segments = manifest.segments ?? [];
  if (manifest.playlists?.length) throw invalid('expected a media playlist, got a master playlist');
  const complete = manifest.endList === true;
  if (complete && segments.length === 0) throw invalid('no fragments');
  const mapUri = segments[0]?.map?.uri;
  // No EXT-X-MAP: MPEG-TS fragments (hls.js transmuxes them); `initUrl` stays empty.
  if (segments.length > 0 && !mapUri && segments.some((s) => /\.(mp4|m4s|m4v|cmfv)(\?|$)/i.test(s.uri)))
    throw invalid('fMP4 fragments but no EXT-X-MAP (init section)');
  if (segments.some((s) => s.byterange || s.map?.byterange)) throw invalid('byte-range fragments are not supported');
  if (segments.some((s, i) => i > 0 && (s.discontinuity || s.map?.uri !== mapUri))) {
    throw invalid('one init section and no discontinuity inside a segment, please');
  }
  return {
    mediaUrl,
    initUrl: mapUri ? new URL(mapUri, mediaUrl).href : '',
    initKey: aesKeyRef(segments[0]?.map?.key, null, mediaUrl, 'the init section'),
    drmKeys: manifest.drmKeyTags && resolveKeyTags(manifest.drmKeyTags, mediaUrl),
    fragments: segments.map((s, i) => ({
      url: new URL(s.uri, mediaUrl).href,
      duration: s.duration,
      key: aesKeyRef(s.key, (manifest.mediaSequence ?? 0) + i, mediaUrl, s.uri),
    })),
    complete,
  };
}
