import type { Handler } from '../../core/events/EventHub.js';
import type { StorySnapshot } from '../../core/machine/StorySnapshot.js';
import type { Story } from '../../core/story/Story.js';
import type { PlayerEvents } from '../PlayerEvents.js';
import type { PlaybackStats } from '../playback/PlaybackEngine.js';
import type { SubtitleTrack } from '../playback/subtitles/SubtitleTrack.js';
import type { AudioTrackInfo } from '../playback/audio/AudioTrackInfo.js';

/** What the player measured (see PlaybackStats for the frame-level details). */
export interface PlayerStats {
  /** Segment changes after the first segment. */
  transitions: number;
  /** Times the picture froze after the first frame. */
  stalls: number;
  /** Total frozen time across those stalls, ms. */
  stallMs: number;
  /** Worst wall-clock gap between frames at a segment boundary, ms. */
  maxBranchGapMs: number;
  /** Frames the browser dropped (getVideoPlaybackQuality). */
  droppedFrames: number;
  /** Frames the browser presented or dropped. */
  totalFrames: number;
  /** Story loaded → first frame, ms (null before it). */
  startupMs: number | null;
  /** Segments that failed and were skipped. */
  failedSegments: string[];
  /** The engine's frame-level numbers (per-boundary gaps, stall time). */
  playback?: PlaybackStats;
  /** Of the generated branches the viewer reached, the share that was ready in time (absent without generation). */
  branchesReadyInTime?: number;
}

/**
 * A player in a container: the object `createPlayer` resolves with and that
 * `<offshoot-player>` wraps.
 */
export interface Player {
  /** The validated story, or null when it could not be loaded. */
  readonly story: Story | null;
  /** The player's root element inside the container. */
  readonly element: HTMLElement;
  /** Start or resume playback (resolves once playing; browsers may refuse unmuted autoplay). */
  play(): Promise<void>;
  /** Pause playback (the choice timer pauses with it: it runs on media time). */
  pause(): void;
  /** Take an option of the open choice (same as the viewer clicking it). */
  choose(optionId: string): void;
  /** Go back to the previous choice point. */
  back(): void;
  /** The viewer's place, as plain JSON. */
  snapshot(): StorySnapshot;
  /** Jump to a saved place (resolves once it is buffered). */
  restore(snapshot: StorySnapshot): Promise<void>;
  /** Mute or unmute. */
  setMuted(muted: boolean): void;
  /**
   * Subtitle tracks (HLS `EXT-X-MEDIA TYPE=SUBTITLES`, WebVTT) of the segment on screen, as
   * hls.js names them. Each segment has its own master playlist: the list can change at a
   * splice (`subtitletrackschange`); the viewer's choice is kept by language and name.
   *
   * @example
   * player.on('subtitletrackschange', ({ tracks }) => console.log(tracks.map((t) => t.lang))); // ['en', 'fr']
   */
  readonly subtitleTracks: SubtitleTrack[];
  /**
   * The subtitle track on (index into `subtitleTracks`), -1 for off. Set it to switch (fires
   * `subtitletrackswitch`); the choice carries to later segments by language. With subtitles
   * off, a FORCED track in the viewer's language still shows (HLS rules).
   *
   * @example
   * player.subtitleTrack = player.subtitleTracks.findIndex((t) => t.lang === 'fr');
   * player.subtitleTrack = -1; // off
   */
  subtitleTrack: number;
  /**
   * The segment on screen's alternate audio renditions (HLS `EXT-X-MEDIA TYPE=AUDIO`), in
   * playlist order; `[]` when its sound is muxed into the video (nothing to choose). Changes
   * with the segment (`audiotrackschange`).
   *
   * @example
   * player.audioTracks.map((t) => t.name); // ['English', 'Français']
   */
  readonly audioTracks: AudioTrackInfo[];
  /**
   * The audio rendition playing (index into `audioTracks`), -1 when there is none to choose.
   * Set it to switch: the timeline restarts at the same place with that rendition (a short
   * rebuffer, like hls.js's own switch; `audiotrackswitch` when it took effect), and later
   * segments keep the same language. An unknown id is ignored.
   *
   * @example
   * player.audioTrack = player.audioTracks.findIndex((t) => t.lang === 'fr');
   */
  audioTrack: number;
  /** What the player measured so far (transitions, stalls, frame gaps, startup). */
  getStats(): PlayerStats;
  /**
   * Listen to an event; returns the function that stops listening.
   *
   * Order, for each segment: `segmentstart`, `choicestart` (when it has a choice), `choice`
   * (by the viewer or the timer), then the next `segmentstart`; an ending's `segmentstart`
   * is followed by `ended`. A non-fatal `error` (`segment-failed`, `generation-failed`)
   * comes before the `segmentstart` of the path taken instead; a fatal one is the last event.
   *
   * A listener added right after `await createPlayer(...)` (in the same task) first gets,
   * in a microtask, the events of its type already emitted (the start segment's
   * `segmentstart`), then the live ones; one added later gets what happens from then on.
   *
   * @example
   * const player = await createPlayer(el, { story: '/night-walk.json' });
   * player.on('segmentstart', (e) => console.log(e.segmentId)); // 'intro' first
   */
  on<K extends keyof PlayerEvents>(type: K, handler: Handler<PlayerEvents[K]>): () => void;
  /** Remove a listener added with `on`. */
  off<K extends keyof PlayerEvents>(type: K, handler: Handler<PlayerEvents[K]>): void;
  /** Stop everything and remove every element, listener and timer the player added. */
  destroy(): void;
}
