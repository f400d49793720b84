/**
 * A deterministic 31-bit seed from a name (FNV-1a), so re-importing a story gives every
 * segment the same seed and so the same generated video.
 *
 * @example
 * seedOf('Start'); // always the same non-negative integer
 */
export function seedOf(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & 0x7fffffff;
}
