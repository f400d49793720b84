import { describe, expect, test } from 'vitest';
import { SPARE_SECONDS } from '../../../src/player/playback/LinkPriority.js';
import { linkHasRoom } from '../../../src/player/playback/linkHasRoom.js';

const host = (o: { nearlyFull?: boolean; ahead?: number; bps?: number; done?: boolean }) => ({
  nearlyFull: () => o.nearlyFull ?? true,
  ahead: () => o.ahead ?? 0,
  estimateBps: () => o.bps ?? 1_200_000,
  timelineDone: () => o.done ?? false,
});

describe('linkHasRoom', () => {
  const bytes = 525_000; // 3.5 s at 1.2 Mbps
  test('a link with room always has room', () => {
    expect(linkHasRoom(host({ nearlyFull: false, ahead: 0 }), bytes)).toBe(true);
  });
  test('a nearly full link: only when the media ahead covers the transfer plus the spare', () => {
    expect(linkHasRoom(host({ ahead: 2 }), bytes)).toBe(false);
    expect(linkHasRoom(host({ ahead: 3.5 + SPARE_SECONDS - 0.1 }), bytes)).toBe(false);
    expect(linkHasRoom(host({ ahead: 3.5 + SPARE_SECONDS + 0.1 }), bytes)).toBe(true);
    expect(linkHasRoom(host({ ahead: 2.5, bps: 8_000_000 }), bytes)).toBe(true); // 0.5 s transfer
  });
  test('a nearly full link whose timeline has nothing left to download has room', () => {
    expect(linkHasRoom(host({ ahead: 0.5, done: true }), bytes)).toBe(true);
  });
});
