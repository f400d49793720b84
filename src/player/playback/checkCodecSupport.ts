import { mp4Codecs } from '../../core/media/mp4Codecs.js';
import { videoCodecFamily } from '../../core/media/videoCodecFamily.js';
import { PlaybackError } from './PlaybackError.js';

/** Where HEVC decodes, for messages: a browser without it cannot be told to get it. */
const HEVC_WHERE = 'HEVC plays only in Safari and in Chrome/Edge with a hardware decoder';

/**
 * Whether this browser's MSE takes a `video/mp4; codecs="…"` type (the MediaSource hls.js
 * uses, or Safari's ManagedMediaSource where it is the only one). True where there is no MSE
 * at all (Node tests): the check is the browser's to make.
 *
 * @example
 * browserPlays('video/mp4; codecs="hvc1.1.6.L93.B0"'); // false in Debian's chromium
 */
export function browserPlays(type: string): boolean {
  const scope = globalThis as { MediaSource?: typeof MediaSource; ManagedMediaSource?: typeof MediaSource };
  const mse = scope.MediaSource ?? scope.ManagedMediaSource;
  return !mse || mse.isTypeSupported(type);
}

/**
 * Refuse an init section whose video or audio codec this browser cannot decode, read from
 * the init section itself (sample entry and hvcC/avcC/esds…), so a media playlist without a
 * master (no CODECS to choose by) fails as `media-incompatible` naming the codec, the URL
 * and what to change, before hls.js meets it. Measured without it: an HEVC branch queued
 * during playback sent the picture back to 0 s and froze it there, with no error, while
 * hls.js re-created its SourceBuffer 84 times in 14 s (ADR 0016).
 *
 * @example
 * checkCodecSupport(initBytes, 'https://cdn/x/init.mp4'); // throws PlaybackError('media-incompatible', …) for HEVC in chromium
 */
export function checkCodecSupport(
  init: ArrayBuffer,
  url: string,
  plays: (type: string) => boolean = browserPlays,
): void {
  for (const track of mp4Codecs(init)) {
    const type = `${track.handler === 'vide' ? 'video' : 'audio'}/mp4; codecs="${track.codec}"`;
    // A sample entry without a configuration box we read gives only its type: not a codec to ask about.
    if (track.codec === track.entry && track.entry !== 'opus' && track.entry !== 'flac') continue;
    if (plays(type)) continue;
    const hevc = videoCodecFamily(track.codec) === 'hevc';
    const fix = hevc
      ? `${HEVC_WHERE}: list an H.264 variant beside it in a master playlist (CODECS="avc1…"), or encode the segment as H.264 (ffmpeg -c:v libx264)`
      : 'encode the segment as H.264/AAC (ffmpeg -c:v libx264 -c:a aac), or list such a variant beside it in a master playlist';
    const what = `${hevc ? 'HEVC ' : ''}${track.handler === 'vide' ? 'video' : 'audio'} ${track.codec}`;
    throw new PlaybackError('media-incompatible', `${url}: this browser cannot decode its ${what}: ${fix}`);
  }
}

/**
 * What to say when none of a master's variants plays here (readSegmentPlaylist): the codecs
 * listed and the fix, HEVC named as such.
 *
 * @example
 * noPlayableVariant('https://cdn/x/index.m3u8', ['hvc1.1.4.L63.B01,mp4a.40.2']);
 */
export function noPlayableVariant(masterUrl: string, codecs: ReadonlyArray<string | undefined>): string {
  const listed = codecs.map((c) => c ?? '?').join('; ');
  const fix = codecs.some((c) => videoCodecFamily(c) === 'hevc')
    ? `${HEVC_WHERE}: list H.264 variants beside the HEVC ones (CODECS="avc1…")`
    : 'add an H.264/AAC variant (CODECS="avc1…,mp4a.40.2")';
  return `${masterUrl}: no rendition this browser can play (CODECS: ${listed}): ${fix}`;
}
