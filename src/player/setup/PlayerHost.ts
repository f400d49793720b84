import type { Actor } from 'xstate';
import type { EventHub } from '../../core/events/EventHub.js';
import type { StoryMachine } from '../../core/machine/createStoryMachine.js';
import type { Position } from '../../core/rules/Position.js';
import type { SnapshotPreferences } from '../../core/machine/StorySnapshot.js';
import type { Story } from '../../core/story/Story.js';
import type { Overlay } from '../overlay/Overlay.js';
import type { PlaybackEngine, SegmentSource } from '../playback/PlaybackEngine.js';
import type { SnapshotStorage } from '../persist/SnapshotStorage.js';
import type { PlayerEvents } from '../PlayerEvents.js';
import type { GenerationClient } from '../generation/GenerationClient.js';
import type { PlayerLifecycle } from '../lifecycle/lifecycleState.js';

/**
 * What the player keeps about segments: data, not modes. Whether it is loading, holding,
 * reconnecting, failed or destroyed is the lifecycle machine's state (`host.lifecycle`,
 * src/player/lifecycle/playerLifecycle.ts), never a flag here.
 */
export interface PlayerRecords {
  /** The segment spliced after the current one, as told to the engine. */
  queued: string | null;
  /** Seconds to add to engine.segmentTime() (a restart mid-segment starts it at 0). */
  timeBase: number;
  /** Segments whose media failed: skipped from now on. */
  failed: Set<string>;
  /** Failed segments skipped since one last started playing (bounds a loop through failed ones). */
  skipsInARow: number;
  transitions: number;
  /**
   * Segments to splice after the current one, in story order, not yet told to the engine:
   * the first is a generated one whose playlist is not playable yet (the lifecycle holds
   * for it); the rest wait behind it (the engine splices in the order it is told).
   */
  pending: Position[];
  /** Generated segments the viewer was shown the hold for, until they start (they count as late). */
  held: Set<string>;
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
  /** The player's lifecycle: what it is doing (loading, holding, reconnecting...). */
  readonly lifecycle: PlayerLifecycle;
  readonly records: PlayerRecords;
  source(segmentId: string): SegmentSource;
  /** Seconds into the segment on screen (media time). */
  segmentTime(): number;
  /** Play if the viewer wants playback (after loads and restarts). */
  resume(): void;
  /** Preferences the viewer changed (subtitles), saved with their place; undefined when none. */
  preferences?: () => SnapshotPreferences | undefined;
}
