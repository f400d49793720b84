/**
 * A seeded 32-bit PRNG (mulberry32): tiny, fast and identical on every platform, so the
 * same seed composes the same scene everywhere. Not for cryptography.
 *
 * @example
 * const rand = mulberry32(42);
 * rand(); // 0.6011037519201636, every time
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 32-bit FNV-1a hash of a string: turns words into seeds so each part of a scene
 * (sky, each layer, each character) draws from its own stream and adding a prop does
 * not reshuffle the hills.
 *
 * @example
 * hashString('forest'); // same number on every run
 */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A PRNG seeded from a base seed and a label: independent streams per scene part. */
export function streamFor(seed: number, label: string): () => number {
  return mulberry32((seed ^ hashString(label)) >>> 0);
}
