import type { StorySnapshot } from '../../core/machine/StorySnapshot.js';
import type { SnapshotStorage } from './SnapshotStorage.js';

/**
 * SnapshotStorage over `localStorage`, one key per story id. Storage that is full or
 * blocked (private mode, sandboxed iframes) is ignored: saving is best effort.
 *
 * @example
 * const storage = localSnapshotStorage();
 * storage.save('night-walk', snapshot);
 */
export function localSnapshotStorage(
  prefix = 'offshoot:snapshot:',
  store: () => Storage = () => localStorage,
): SnapshotStorage {
  return {
    load(storyId) {
      try {
        const text = store().getItem(prefix + storyId);
        return text ? (JSON.parse(text) as StorySnapshot) : null;
      } catch {
        return null;
      }
    },
    save(storyId, snapshot) {
      try {
        store().setItem(prefix + storyId, JSON.stringify(snapshot));
      } catch {
        // Quota or access errors must not stop playback.
      }
    },
  };
}
