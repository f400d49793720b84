/**
 * How a new engine timeline starts on a segment (decided by the caller, which knows the
 * generation client and the failed segments; the machine only branches on it):
 * `load` now, `render` first (a generated segment not playable yet), or `skip` (its media
 * already failed: the story moves on at once).
 */
export type TimelineStart = 'load' | 'render' | 'skip';

/** A download being retried: its URL, or "generation" for the backend. */
export interface Outage {
  key: string;
  segmentId: string | undefined;
  /** The code reported if it is never recovered (a PlaybackErrorCode or a generation code). */
  cause: string;
  /** Why the last attempt failed. */
  reason: string;
}

/** Everything that can happen to a player, as the lifecycle machine (playerLifecycle) hears it. */
export type LifecycleEvent =
  /** The story is read and validated and the renderer is up. */
  | { type: 'LOADED' }
  /** The story or the renderer could not be set up: the player only shows why. */
  | { type: 'LOAD_FAILED' }
  /** The story entered a segment that needs a new engine timeline (its start, back, restore, a skip). */
  | { type: 'START'; segmentId: string; offset: number; start: TimelineStart }
  /** The engine stopped on a failed segment: the next segment needs a new timeline. */
  | { type: 'TIMELINE_LOST' }
  /** The next segment to splice is generated and not playable yet: hold it (and all behind it). */
  | { type: 'HOLD'; segmentId: string }
  /** The viewer (or autoplay, or `play()`) wants the picture to move. */
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  /** A download failed and is being retried. */
  | ({ type: 'OUTAGE' } & Outage)
  /** A retried download succeeded or was given up (no key: all of them). */
  | { type: 'OUTAGE_END'; key?: string }
  /** The picture stopped while a download is retried, and the viewer was told "Reconnecting…". */
  | { type: 'REPORTED' }
  /** Nothing can play: the player stops and shows why. */
  | { type: 'FATAL'; message: string }
  | { type: 'DESTROY' };
