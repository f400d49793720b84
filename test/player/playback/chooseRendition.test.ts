import { describe, expect, it } from 'vitest';
import { chooseRendition } from '../../../src/player/playback/chooseRendition.js';
import type { RenditionInput } from '../../../src/player/playback/chooseRendition.js';

/** The `ladder` test media: 240p / 360p / 720p, BANDWIDTH as its master says. */
const ladder = [
  { bandwidth: 392_472, height: 240 },
  { bandwidth: 1_135_912, height: 360 },
  { bandwidth: 2_767_016, height: 720 },
];
const at = (input: Partial<RenditionInput>) =>
  chooseRendition(ladder, { estimateBps: null, bufferAheadSeconds: 8, playing: true, fragmentSeconds: 1, ...input });

describe('chooseRendition', () => {
  it('starts on the lightest rendition before anything is measured', () => {
    expect(at({ estimateBps: null, playing: false, bufferAheadSeconds: 0 })).toBe(0);
  });

  it('takes the best rendition that needs at most 0.7 of the estimate', () => {
    expect(at({ estimateBps: 20e6, current: 0 })).toBe(2);
    expect(at({ estimateBps: 3e6, current: 0 })).toBe(1); // 720p needs 2.77 > 2.1
    expect(at({ estimateBps: 1.2e6, current: 0 })).toBe(0); // 360p needs 1.14 > 0.84
  });

  it('caps at the smallest rendition that fills the box, unless none does', () => {
    expect(at({ estimateBps: 20e6, current: 0, maxHeight: 300 })).toBe(1);
    expect(at({ estimateBps: 20e6, current: 0, maxHeight: 360 })).toBe(1);
    expect(at({ estimateBps: 20e6, current: 0, maxHeight: 361 })).toBe(2);
    expect(at({ estimateBps: 20e6, current: 0, maxHeight: 2160 })).toBe(2);
    // A box that shrank below the rendition in use: down at once.
    expect(at({ estimateBps: 20e6, current: 2, maxHeight: 200 })).toBe(0);
  });

  it('holds the rendition in use between 0.7 and 0.9 of the estimate (hysteresis), then goes down', () => {
    // 720p at an estimate of 3.5 Mbps: 2.77 is 0.79 of it, too much to go up to, enough to stay on.
    expect(at({ estimateBps: 3.5e6, current: 1 })).toBe(1);
    expect(at({ estimateBps: 3.5e6, current: 2 })).toBe(2);
    // At 2.9 Mbps (0.95 of it) with 8 s ahead: down to 360p.
    expect(at({ estimateBps: 2.9e6, current: 2 })).toBe(1);
    // The same with 12 s ahead: the buffer carries it while the estimate still does (factor 1).
    expect(at({ estimateBps: 2.9e6, current: 2, bufferAheadSeconds: 12 })).toBe(2);
  });

  it('drops to the lightest when the buffer ahead runs low while playing (emergency)', () => {
    expect(at({ estimateBps: 20e6, current: 2, bufferAheadSeconds: 1 })).toBe(0);
    // Or when the next fragment at the current rendition would take longer than what is ahead.
    expect(at({ estimateBps: 1.5e6, current: 2, bufferAheadSeconds: 1.8 })).toBe(0);
    // Not before playback started: nothing is being watched run dry.
    expect(at({ estimateBps: 20e6, current: 0, bufferAheadSeconds: 0, playing: false })).toBe(2);
  });

  it("at a growing playlist's end (listingLimited) keeps the rendition while the link carries it in time", () => {
    // A player just behind a render at 1x: 0.6 s listed ahead, 360p's fragment arrives in 0.38 s.
    expect(at({ estimateBps: 3e6, current: 1, bufferAheadSeconds: 0.6 })).toBe(0); // the link is blamed
    expect(at({ estimateBps: 3e6, current: 1, bufferAheadSeconds: 0.6, listingLimited: true })).toBe(1);
    expect(at({ estimateBps: 20e6, current: 2, bufferAheadSeconds: 0.3, listingLimited: true })).toBe(2);
    // Still free to go up when the fragment arrives before the media ahead runs out.
    expect(at({ estimateBps: 20e6, current: 0, bufferAheadSeconds: 0.6, listingLimited: true })).toBe(2);
    // The link short as well: 720p's fragment would take 1.8 s against 1 s ahead: the lightest.
    expect(at({ estimateBps: 1.5e6, current: 2, bufferAheadSeconds: 1, listingLimited: true })).toBe(0);
  });

  it('goes up only to a rendition whose fragment arrives before the buffer ahead runs out', () => {
    // 6 s fragments at 4.2 Mbps: 720p's takes 6 × 2.77 / 4.2 = 4.0 s to download, 360p's 1.6 s.
    expect(at({ estimateBps: 4.2e6, current: 0, bufferAheadSeconds: 5, fragmentSeconds: 6 })).toBe(2);
    expect(at({ estimateBps: 4.2e6, current: 0, bufferAheadSeconds: 3, fragmentSeconds: 6 })).toBe(1);
    // A segment's first fragment (a prefetch, a restart with nothing listed): the estimate alone.
    expect(at({ estimateBps: 4.2e6, current: undefined, bufferAheadSeconds: 0, fragmentSeconds: 6 })).toBe(2);
  });

  it('cache probe: unmeasured, after a fragment from the HTTP cache, tries one rendition up (within the box)', () => {
    expect(at({ estimateBps: null, current: 0, probeUp: true })).toBe(1);
    expect(at({ estimateBps: null, current: 1, probeUp: true })).toBe(2);
    expect(at({ estimateBps: null, current: 2, probeUp: true })).toBe(2);
    expect(at({ estimateBps: null, current: 1, probeUp: true, maxHeight: 300 })).toBe(1);
    // Not from the cache: the safe first pick stays.
    expect(at({ estimateBps: null, current: 0, probeUp: false })).toBe(0);
    // Playing with little ahead: hold the current one rather than gamble.
    expect(at({ estimateBps: null, current: 1, probeUp: true, bufferAheadSeconds: 1 })).toBe(1);
    // A segment's first fragment has no rendition to probe from.
    expect(at({ estimateBps: null, probeUp: true, playing: false, bufferAheadSeconds: 0 })).toBe(0);
  });
});
