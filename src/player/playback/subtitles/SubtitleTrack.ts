/**
 * One subtitle track as the player's API lists it (hls.js's `subtitleTracks` shape, trimmed).
 *
 * @example
 * player.subtitleTracks; // [{ id: 0, name: 'English', lang: 'en', default: true, forced: false }]
 */
export interface SubtitleTrack {
  /** Index into `subtitleTracks`; what `subtitleTrack` takes. */
  id: number;
  /** The rendition's NAME. */
  name: string;
  /** The rendition's LANGUAGE (BCP 47), '' when none. */
  lang: string;
  /** DEFAULT=YES. */
  default: boolean;
  /** FORCED=YES: shown even with subtitles off (foreign dialogue, signs). */
  forced: boolean;
}

/** A subtitle rendition of one segment's master playlist, with what the loader needs. */
export interface SubtitleRendition {
  name: string;
  lang: string;
  default: boolean;
  autoselect: boolean;
  forced: boolean;
  /** The WebVTT media playlist, absolute. */
  url: string;
}

/** One cue placed on its segment's time (seconds since the segment's first frame), as plain text. */
export interface SubtitleCue {
  from: number;
  to: number;
  text: string;
}
