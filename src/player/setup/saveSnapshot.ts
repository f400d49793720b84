import { snapshotOf } from '../../core/machine/snapshotOf.js';
import type { StorySnapshot } from '../../core/machine/StorySnapshot.js';
import type { PlayerHost } from './PlayerHost.js';

/**
 * The viewer's place with the player's preferences (subtitles) folded in, when they changed one.
 *
 * @example
 * playerSnapshot(host); // { version: 1, ..., preferences: { subtitles: { mode: 'off' } } }
 */
export function playerSnapshot(host: PlayerHost): StorySnapshot {
  if (!host.actor) throw new Error('Player.snapshot(): the player is destroyed');
  const snapshot = snapshotOf(host.actor);
  const preferences = host.preferences?.();
  return preferences ? { ...snapshot, preferences } : snapshot;
}

/**
 * Save the viewer's place (and preferences) to the player's storage, if it has one. Best
 * effort: embedder storage failures never stop playback.
 *
 * @example
 * saveSnapshot(host); // at each segment start and choice, and when the viewer switches subtitles
 */
export function saveSnapshot(host: PlayerHost): void {
  if (!host.storage || !host.actor) return;
  try {
    void Promise.resolve(host.storage.save(host.story.id, playerSnapshot(host))).catch(() => undefined);
  } catch {
    // Embedder storage failures never stop playback.
  }
}
