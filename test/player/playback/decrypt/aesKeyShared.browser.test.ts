// One AES-128 key named by many segments (the usual case: one key per title) is fetched once
// per engine, not once per segment: three story segments of the encrypted fMP4 test media
// (test/media/aes-fmp4: init section and fragments under k1.bin, rotated to k2.bin, then a
// clear fragment) played in a row through
// the real engine over real HTTP, the key downloads counted from the browser's Resource Timing.
import { afterEach, describe, expect, it } from 'vitest';
import { clip } from '../../../support/playbackHarness.js';
import { cleanUp, expectSeamless, playChain } from '../../../support/seamlessChain.js';

afterEach(cleanUp);

/** Requests the page made for `file` (cache hits included: each is an entry). */
const requestsFor = (file: string) =>
  performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === `/test/media/aes-fmp4/${file}`);

describe('AES-128 keys are shared by the segments of one engine', () => {
  it('three segments with the same two keys: each key fetched once; the chain still splices', async () => {
    performance.clearResourceTimings();
    const chain = [clip('aes-fmp4', 3, 'aes-1'), clip('aes-fmp4', 3, 'aes-2'), clip('aes-fmp4', 3, 'aes-3')];
    expectSeamless(await playChain(chain), chain, 'AES-128 fMP4, one key set');
    // Each segment downloaded its fragments: the keys were needed three times over.
    expect(requestsFor('seg_000.m4s').length).toBeGreaterThanOrEqual(3);
    expect(requestsFor('k1.bin')).toHaveLength(1);
    expect(requestsFor('k2.bin')).toHaveLength(1);
  });
});
