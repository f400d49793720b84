import type { Actor } from 'xstate';
import type { EventHub } from '../../core/events/EventHub.js';
import type { StoryMachine } from '../../core/machine/createStoryMachine.js';
import type { Position } from '../../core/rules/Position.js';
import type { Story } from '../../core/story/Story.js';
import type { Overlay } from '../overlay/Overlay.js';
import type { PlaybackEngine, SegmentSource } from '../playback/PlaybackEngine.js';
import type { SnapshotStorage } from '../persist/SnapshotStorage.js';
import type { PlayerEvents } from '../PlayerEvents.js';
import type { GenerationClient } from '../generation/GenerationClient.js';

/** Mutable wiring state the setup functions share. */
export interface PlayerWiringState {
  /** The engine has a timeline (load() was called on it). */
  loaded: boolean;
  /** The segment spliced after the current one, as told to the engine. */
  queued: string | null;
  /** Seconds to add to engine.segmentTime() (a restart mid-segment starts it at 0). */
  timeBase: number;
  /** Segments whose media failed: skipped from now on. */
  failed: Set<string>;
  /** Failed segments skipped since one last started playing (bounds a loop through failed ones). */
  skipsInARow: number;
  transitions: number;
  /** The viewer (or autoplay) asked to play. */
  wantPlay: boolean;
  destroyed: boolean;
  /**
   * Segments to splice after the current one, in story order, not yet told to the engine:
   * the first is a generated one whose playlist is not playable yet; the rest wait behind
   * it (the engine splices in the order it is told).
   */
  pending: Position[];
  /** A generated segment the player is waiting for (spliced or loaded once playable), or null. */
  waitingFor: string | null;
  /** Generated segments the viewer was shown the hold for, until they start (they count as late). */
  held: Set<string>;
  /** A new timeline waits for its (generated) first segment: nothing may be spliced yet. */
  loading: boolean;
  /** Bumped when a new timeline starts (load, restart, restore): late callbacks of an older one do nothing. */
  epoch: number;
  /** Settles when the latest load/restart is buffered. */
  ready: Promise<void>;
}

/**
 * Everything the small setup functions wire together: the only place that knows the
 * machine, the engine and the overlay at once.
 */
export interface PlayerHost {
  readonly story: Story;
  readonly baseUrl: string;
  readonly root: HTMLDivElement;
  readonly video: HTMLVideoElement;
  readonly engine: PlaybackEngine;
  readonly overlay: Overlay;
  readonly hub: EventHub<PlayerEvents>;
  readonly storage: SnapshotStorage | null;
  actor: Actor<StoryMachine> | null;
  /** The generation client, when the story has generated segments and a backend is set. */
  generation: GenerationClient | null;
  readonly state: PlayerWiringState;
  source(segmentId: string): SegmentSource;
  /** Seconds into the segment on screen (media time). */
  segmentTime(): number;
  /** Play if the viewer wants playback (after loads and restarts). */
  resume(): void;
}
