import type { Actor } from 'xstate';
import type { EventHub } from '../../core/events/EventHub.js';
import type { StoryMachine } from '../../core/machine/createStoryMachine.js';
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
  transitions: number;
  /** The viewer (or autoplay) asked to play. */
  wantPlay: boolean;
  destroyed: boolean;
  /** A generated segment the engine is waiting for (queued once playable), or null. */
  waitingFor: string | null;
  /** The "generating…" hold is on screen. */
  holding: boolean;
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
