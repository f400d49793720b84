/**
 * What `offshoot validate --media` reports. Errors use the code the player itself would raise
 * for that media (PlaybackErrorCode), so a report and a viewer's `error` event name the same
 * thing; warnings and notes say how the player will play something it does play.
 */
export type MediaIssueCode =
  /** The playlist (or a variant's) could not be read: missing file, HTTP error. */
  | 'playlist-load-failed'
  /** Not usable HLS for splicing: byte ranges, fMP4 without EXT-X-MAP, a discontinuity inside a segment… */
  | 'playlist-invalid'
  /** Nothing the player can play: no variant with a codec it knows, SAMPLE-AES, TS mixed with fMP4. */
  | 'media-incompatible'
  /** An init section or fragment could not be read. */
  | 'fragment-load-failed'
  /** An init section or fragment is not well-formed fMP4 / MPEG-TS (the player's own structure check). */
  | 'fragment-corrupt'
  /** An AES-128 key could not be read, or is not 16 bytes. */
  | 'key-load-failed'
  /** Warning: a variant has no CODECS; the player assumes it plays. */
  | 'codecs-missing'
  /** Warning: a variant's codec is not one the player's browsers play; it is skipped (HEVC: codec-limited/-choice). */
  | 'codec-unplayable'
  /** Warning: a variant's first fragment needs more than its BANDWIDTH: the ABR would pick it on too slow a link. */
  | 'bandwidth-understated'
  /** Warning: every rendition is HEVC: it plays only where the browser decodes HEVC. */
  | 'codec-limited'
  /** Warning: HEVC tagged `hev1`, which Safari does not play (Apple requires `hvc1`). */
  | 'codec-tag'
  /** Note: HEVC beside another codec: the player takes HEVC where it decodes, the other elsewhere. */
  | 'codec-choice'
  /** Warning: a subtitle playlist cannot be read; the player plays on without those subtitles. */
  | 'subtitles-failed'
  /** Warning: the ladder's renditions do not share fragment boundaries; no switch inside the segment. */
  | 'ladder-misaligned'
  /** Note: an EXT-X-MEDIA audio group; what the player plays of it. */
  | 'alternate-audio'
  /** Note: an EXT-X-MEDIA subtitle group; shown in the caption layer. */
  | 'subtitles'
  /** Note: AES-128 encryption; decrypted by the player with the key at its URL. */
  | 'encrypted'
  /** Note: a generated segment (no static media to check). */
  | 'generated';

export type MediaIssueSeverity = 'error' | 'warning' | 'note';

/** One finding of the media check, placed in the story like a validation issue. */
export interface MediaIssue {
  code: MediaIssueCode;
  severity: MediaIssueSeverity;
  /** The segment whose media this is. */
  segment: string;
  /** JSON Pointer to the segment's `media` (or `generate`) value. */
  path: string;
  /** The playlist, fragment or key the finding is about (absolute URL). */
  url: string;
  /** What is wrong (or how it plays) and what to change. */
  message: string;
  /** 1-based place of `path` in the story file. */
  line?: number;
  column?: number;
}

const SEVERITY: Record<MediaIssueCode, MediaIssueSeverity> = {
  'playlist-load-failed': 'error',
  'playlist-invalid': 'error',
  'media-incompatible': 'error',
  'fragment-load-failed': 'error',
  'fragment-corrupt': 'error',
  'key-load-failed': 'error',
  'codecs-missing': 'warning',
  'codec-unplayable': 'warning',
  'ladder-misaligned': 'warning',
  'bandwidth-understated': 'warning',
  'codec-limited': 'warning',
  'codec-tag': 'warning',
  'codec-choice': 'note',
  'subtitles-failed': 'warning',
  'alternate-audio': 'note',
  subtitles: 'note',
  encrypted: 'note',
  generated: 'note',
};

/** A finding about one URL of a segment, before it is placed in the story file. */
export interface MediaFinding {
  code: MediaIssueCode;
  url: string;
  message: string;
}

/**
 * The severity of a code: errors stop the viewer, warnings degrade playback, notes inform.
 *
 * @example
 * severityOf('ladder-misaligned'); // 'warning'
 */
export const severityOf = (code: MediaIssueCode): MediaIssueSeverity => SEVERITY[code];
