import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedVariant } from 'm3u8-parser';
import { createAbr } from '../../../src/player/playback/createAbr.js';
import type { Abr } from '../../../src/player/playback/createAbr.js';
import { EventHub } from '../../../src/core/events/EventHub.js';
import type { PlaybackEvents } from '../../../src/player/playback/PlaybackEngine.js';
import type { VirtualTimeline } from '../../../src/player/playback/VirtualTimeline.js';
import type { ListedFragment } from '../../../src/player/playback/SegmentFetchHost.js';

// createAbr in Node: the media element is the few members the ABR reads (no frames are
// presented here, so no renditionchange), the timeline the fragments a segment listed.
const video = {
  paused: true,
  ended: false,
  currentTime: 0,
  requestVideoFrameCallback: () => 1,
  cancelVideoFrameCallback: () => {},
} as unknown as HTMLVideoElement;

const variant = (bandwidth: number, height: number, codecs?: string) =>
  ({
    uri: `${height}p.m3u8`,
    attributes: { BANDWIDTH: bandwidth, RESOLUTION: { height }, CODECS: codecs },
  }) as ParsedVariant;

const fragment = (url: string, extra: Partial<ListedFragment> = {}): ListedFragment => ({
  url,
  duration: 1,
  initUrl: 'init.mp4',
  mediaUrl: 'v.m3u8',
  height: 360,
  bandwidth: 1_000_000,
  ...extra,
});

function timelineOf(verified: ListedFragment[]): () => VirtualTimeline {
  const entry = { start: 0, duration: verified.length, fetch: { verified } };
  return () => ({ visible: () => [entry] }) as unknown as VirtualTimeline;
}

let abr: Abr | null = null;
const scope = globalThis as { MediaSource?: unknown; ManagedMediaSource?: unknown };
afterEach(() => {
  abr?.destroy();
  abr = null;
  delete scope.MediaSource;
  delete scope.ManagedMediaSource;
});

describe('createAbr', () => {
  it('asks ManagedMediaSource for codecs where it is the only MSE (an iPhone), not filtering every variant out', () => {
    const asked: string[] = [];
    scope.ManagedMediaSource = {
      isTypeSupported: (type: string) => (asked.push(type), !type.includes('hvc1')),
    };
    abr = createAbr(video, {}, () => null, new EventHub<PlaybackEvents>());
    const h264 = variant(400_000, 240, 'avc1.64001e,mp4a.40.2');
    const hevc = variant(300_000, 240, 'hvc1.1.6.L93.B0,mp4a.40.2');
    expect(abr.choose([hevc, h264])).toBe(h264);
    expect(asked).toEqual([
      'video/mp4; codecs="hvc1.1.6.L93.B0,mp4a.40.2"',
      'video/mp4; codecs="avc1.64001e,mp4a.40.2"',
    ]);
    // And a plain MediaSource, where there is one, is the one asked.
    scope.MediaSource = { isTypeSupported: () => false };
    expect(abr.choose([hevc, h264])).toBeUndefined();
  });

  it("counts a separate audio rendition's bytes in the media's rate", () => {
    const verified = [fragment('f0.m4s', { audioBytes: 16_000 }), fragment('f1.m4s', { audioBytes: 16_000 })];
    abr = createAbr(video, {}, timelineOf(verified), new EventHub<PlaybackEvents>());
    abr.measure('f0.m4s', 100_000, performance.now());
    abr.measure('f1.m4s', 100_000, performance.now());
    // (100 000 + 16 000) bytes per 1 s fragment: 928 kbit/s, not the video's 800.
    expect(abr.mediaBps()).toBe(928_000);
  });
});
