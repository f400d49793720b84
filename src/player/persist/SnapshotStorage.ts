import type { StorySnapshot } from '../../core/machine/StorySnapshot.js';

/**
 * Where a player keeps the viewer's place between visits. Pass your own (server,
 * IndexedDB, a login-scoped store) as `persist`, or `persist: true` for localStorage.
 *
 * @example
 * const storage: SnapshotStorage = {
 *   load: (storyId) => fetch(`/saves/${storyId}`).then((r) => (r.ok ? r.json() : null)),
 *   save: (storyId, s) => void fetch(`/saves/${storyId}`, { method: 'PUT', body: JSON.stringify(s) }),
 * };
 */
export interface SnapshotStorage {
  /** The saved place of a story, or null/undefined when there is none. */
  load(storyId: string): StorySnapshot | null | undefined | Promise<StorySnapshot | null | undefined>;
  /** Save the viewer's place. */
  save(storyId: string, snapshot: StorySnapshot): void | Promise<void>;
}
