import { localSnapshotStorage } from './localSnapshotStorage.js';
import type { SnapshotStorage } from './SnapshotStorage.js';

/**
 * The storage a `persist` option asks for: none, localStorage (`true`) or the embedder's.
 *
 * @example
 * resolveStorage(true)?.load('night-walk');
 */
export function resolveStorage(persist: boolean | SnapshotStorage | undefined): SnapshotStorage | null {
  if (!persist) return null;
  if (persist === true) return localSnapshotStorage();
  return persist;
}
