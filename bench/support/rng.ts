// The benches' seeded PRNG is the generator's mulberry32: one implementation, so the same
// seed gives the same choices and timings in both players of a run, and in two runs.
export { mulberry32 as seededRandom } from '../../src/server/generate/procedural/random/mulberry32.js';
