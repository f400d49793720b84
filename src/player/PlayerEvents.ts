import type { SubtitleTrack } from './playback/subtitles/SubtitleTrack.js';
import type { AudioTrackInfo } from './playback/audio/AudioTrackInfo.js';

/**
 * Events a player emits (`player.on(type, handler)`; the custom element re-dispatches
 * them as DOM CustomEvents with the payload as `detail`).
 *
 * @example
 * const player = await createPlayer(stage, { story: '/night-walk.json', on: { segmentstart: ({ segmentId }) => track(segmentId) } });
 * player.on('choice', ({ segmentId, optionId, byDefault }) => track('choice', { segmentId, optionId, byDefault }));
 * player.on('error', ({ code, fatal, message }) => fatal && showMessage(message));
 */
export interface PlayerEvents {
  /** A segment started (story truth: the story machine entered it). */
  segmentstart: { segmentId: string };
  /** A choice window opened. `deadline` is seconds from the segment's start. */
  choicestart: { segmentId: string; prompt: string; options: Array<{ id: string; label: string }>; deadline: number };
  /** A choice was locked, by the viewer or (`byDefault`) by the timer. */
  choice: { segmentId: string; optionId: string; byDefault: boolean };
  /** The story reached an ending. */
  ended: { segmentId: string };
  /**
   * Something went wrong. `fatal: true`: the player stopped (and shows `message`);
   * `fatal: false`: it went on (e.g. a segment failed and another path was taken).
   * `cause`: the code of the engine or backend failure behind it (a PlaybackErrorCode such
   * as "fragment-corrupt", or a generation code such as "network"), when there is one.
   * The table of faults, codes and what the viewer sees: docs/playback-faults.md.
   */
  error: { code: PlayerErrorCode; message: string; fatal: boolean; segmentId?: string; cause?: string };
  /**
   * The segment on screen lists other subtitle tracks than the one before (each segment has its
   * own master playlist): `tracks` is the new `player.subtitleTracks` (hls.js: SUBTITLE_TRACKS_UPDATED).
   */
  subtitletrackschange: { tracks: SubtitleTrack[] };
  /** Another subtitle track is on: `id` into `subtitleTracks`, -1 for off (hls.js: SUBTITLE_TRACK_SWITCH). */
  subtitletrackswitch: { id: number };
  /**
   * The segment on screen lists other alternate audio renditions (EXT-X-MEDIA TYPE=AUDIO) than
   * the one before: `tracks` is the new `player.audioTracks` (`[]`: its sound is muxed),
   * `audioTrack` the one playing (hls.js: AUDIO_TRACKS_UPDATED).
   */
  audiotrackschange: { tracks: AudioTrackInfo[]; audioTrack: number };
  /** Another audio rendition plays: `id` into `audioTracks` (hls.js: AUDIO_TRACK_SWITCHED). */
  audiotrackswitch: { id: number; track: AudioTrackInfo };
  /**
   * The picture on screen now comes from another rendition of a segment's bitrate ladder
   * (adaptive bitrate, ADR 0011): reported when its first frame is presented, not when it was
   * picked. `height` in pixels and `bandwidth` (the master's BANDWIDTH, bits/s) are 0 when the
   * playlist does not say; `mediaTime` is the video's time of that frame (hls.js: LEVEL_SWITCHED).
   *
   * @example
   * player.on('renditionchange', ({ height, bandwidth }) => console.log(`now ${height}p, ${bandwidth / 1e6} Mbps`));
   */
  renditionchange: { segmentId: string; height: number; bandwidth: number; mediaTime: number };
}

/**
 * The `code` of a player `error` event (and of a `PlayerError` that `createPlayer` rejects with):
 *
 * - `story-load-failed`: the story file could not be fetched or parsed (fatal).
 * - `story-invalid`: the story failed validation; the message lists the issues (fatal).
 * - `segment-failed`: a segment's media could not be played; the player took another path.
 * - `playback-failed`: nothing could be played (first segment failed, no playable path, or
 *   the browser lacks MSE) (fatal).
 * - `resume-failed`: a saved snapshot did not fit the story; playback started from the beginning.
 * - `generation-failed`: a generated branch could not be made in time; another path was taken.
 * - `subtitles-failed`: a segment's subtitles could not be read; the video plays on without them.
 * - `reconnecting`: the picture waits on a download that failed and is retried; the viewer
 *   sees "Reconnecting…" (once per outage).
 *
 * `cause` names the engine or backend code behind it (see docs/playback-faults.md).
 *
 * @example
 * player.on('error', ({ code, fatal }) => { if (code === 'segment-failed') metrics.count('skipped'); });
 */
export type PlayerErrorCode =
  /** The story file could not be fetched or parsed. */
  | 'story-load-failed'
  /** The story file failed validation (the message lists the issues). */
  | 'story-invalid'
  /** A segment's media could not be played; the player took another path. */
  | 'segment-failed'
  /** Nothing could be played (first segment failed, or the browser lacks MSE/WebGL). */
  | 'playback-failed'
  /** A saved snapshot did not fit the story; playback started from the beginning. */
  | 'resume-failed'
  /** A generated branch could not be made in time. */
  | 'generation-failed'
  /**
   * A segment's subtitles could not be read (playlist or WebVTT file missing or invalid): the
   * video plays on without them. `cause` is the download's code when it was one.
   */
  | 'subtitles-failed'
  /**
   * The picture waits on a download (media or generation backend) that failed and is
   * being retried with backoff; the viewer is shown "Reconnecting…". Once per outage. It
   * ends in recovery (nothing skipped) or in a `segment-failed` / `generation-failed`.
   * Retries that finish while the buffer still plays are not reported here.
   */
  | 'reconnecting';

/** Every player event type, in no particular order (for code that forwards them all). */
export const PLAYER_EVENT_TYPES: ReadonlyArray<keyof PlayerEvents> = [
  'segmentstart',
  'choicestart',
  'choice',
  'ended',
  'error',
  'subtitletrackschange',
  'subtitletrackswitch',
  'audiotrackschange',
  'audiotrackswitch',
  'renditionchange',
];
