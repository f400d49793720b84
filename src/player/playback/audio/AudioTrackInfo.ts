/**
 * One alternate audio rendition (`EXT-X-MEDIA TYPE=AUDIO`) of the segment on screen, as the
 * player lists it (`player.audioTracks`; hls.js names the same fields).
 *
 * @example
 * player.audioTracks.map((t) => `${t.name} (${t.lang})`); // ['English (en)', 'Français (fr)']
 */
export interface AudioTrackInfo {
  /** Index in the list; `player.audioTrack = id` switches to it. */
  id: number;
  /** NAME attribute, e.g. "English". */
  name: string;
  /** LANGUAGE attribute (BCP 47), '' when the playlist gives none. */
  lang: string;
  /** DEFAULT=YES. */
  default: boolean;
  /** AUTOSELECT=YES: may be picked by the viewer's language without asking. */
  autoselect: boolean;
}

/** A rendition with where its media playlist is (absent: its sound is muxed into the variant). */
export interface AudioRendition extends AudioTrackInfo {
  /** Absolute URL of its media playlist; '' when the rendition is the variant's own audio. */
  url: string;
}

/** What the viewer asked for: kept by name and language, so it carries over to later segments. */
export interface AudioPreference {
  name?: string;
  lang?: string;
}
