import type { AudioPreference, AudioTrackInfo } from './AudioTrackInfo.js';

/**
 * Which audio rendition a segment plays: the viewer's last switch (same name and language,
 * then same language), then the first of `languages` (the player's `audioLanguage`, else
 * the browser's `navigator.languages`) that an AUTOSELECT rendition matches (a rendition
 * without AUTOSELECT is only played when asked for or DEFAULT), then DEFAULT, then the first.
 * Languages match on their primary subtag ('en-GB' matches 'en'). -1 for an empty list.
 *
 * @example
 * chooseAudioRendition(tracks, {}, ['fr-FR', 'en']); // the French AUTOSELECT rendition, if any
 */
export function chooseAudioRendition(
  tracks: readonly AudioTrackInfo[],
  preference: AudioPreference,
  languages: readonly string[],
): number {
  if (tracks.length === 0) return -1;
  const asked =
    tracks.find((t) => t.name === preference.name && sameLanguage(t.lang, preference.lang)) ??
    tracks.find((t) => preference.lang !== undefined && sameLanguage(t.lang, preference.lang));
  if (asked) return asked.id;
  for (const lang of languages) {
    const match =
      tracks.find((t) => t.autoselect && t.lang.toLowerCase() === lang.toLowerCase()) ??
      tracks.find((t) => t.autoselect && sameLanguage(t.lang, lang));
    if (match) return match.id;
  }
  return (tracks.find((t) => t.default) ?? tracks[0]!).id;
}

function sameLanguage(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  const primary = (tag: string) => tag.toLowerCase().split('-')[0];
  return primary(a) === primary(b);
}
