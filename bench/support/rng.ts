/**
 * A small seeded PRNG (mulberry32): the same seed gives the same choices and timings, so
 * both players in a run, and two runs, follow the same path.
 *
 * @example
 * const random = seededRandom(1);
 * random(); // 0 ≤ x < 1, the same sequence every time for seed 1
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
