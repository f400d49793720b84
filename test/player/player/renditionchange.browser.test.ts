// The player's `renditionchange` event (adaptive bitrate, ADR 0011) through a real player in
// chromium, on two segments of the `ladder` test media (240p / 360p / 720p, aligned 1 s
// fragments) in a 1280×720 box, so every rendition fits. What the event says is checked
// against what the video element presented (requestVideoFrameCallback: each frame's height
// and media time), not against the engine's own stats.
import { afterEach, expect, test } from 'vitest';
import { cdp } from 'vitest/browser';
import { createPlayer } from '../../../src/player/createPlayer.js';
import type { Player } from '../../../src/player/setup/Player.js';
import type { PlayerEvents } from '../../../src/player/PlayerEvents.js';
import { next } from './helpers.js';

let player: Player | null = null;
let container: HTMLDivElement | null = null;
afterEach(async () => {
  player?.destroy();
  container?.remove();
  player = container = null;
  await cdp().send('Network.setCacheDisabled', { cacheDisabled: false });
});

const story = {
  offshoot: 1,
  id: 'ladder-twice',
  title: 'Ladder twice',
  start: 'a',
  state: {},
  segments: {
    a: { media: 'media/ladder/index.m3u8', duration: 8, next: 'b' },
    b: { media: 'media/ladder/index.m3u8', duration: 8, end: true },
  },
};

interface Frame {
  mediaTime: number;
  height: number;
}

test('renditionchange reports each rendition as its first frame is presented, with its height and media time; a branch fetched ahead keeps the picture size at the seam', async () => {
  // Other test files in this browser fetched the same media: from the HTTP cache a download
  // tells nothing about the link (ThroughputMeter does not count it), so the cache is off here.
  await cdp().send('Network.enable');
  await cdp().send('Network.setCacheDisabled', { cacheDisabled: true });
  container = document.createElement('div');
  Object.assign(container.style, { position: 'relative', width: '1280px', height: '720px' });
  document.body.appendChild(container);
  const changes: Array<PlayerEvents['renditionchange']> = [];
  player = await createPlayer(container, {
    story,
    baseUrl: '/test/',
    autoplay: true,
    muted: true,
    on: { renditionchange: (e) => changes.push(e) },
  });
  const video = container.querySelector('video')!;
  const frames: Frame[] = [];
  const watch = (_now: number, meta: VideoFrameCallbackMetadata) => {
    frames.push({ mediaTime: meta.mediaTime, height: meta.height });
    video.requestVideoFrameCallback(watch);
  };
  video.requestVideoFrameCallback(watch);
  await next(player, 'ended', () => true, 60_000);
  console.log(
    `[renditionchange] ${changes.map((c) => `${c.segmentId} ${c.height}p@${c.mediaTime.toFixed(2)}`).join(' → ')}`,
  );

  expect(frames.length).toBeGreaterThan(100);
  // Loopback carries 720p many times over: the player climbs from the safe first pick.
  expect(changes.length).toBeGreaterThan(1);
  // The first event is the first picture's rendition.
  expect(changes[0]!.height).toBe(frames[0]!.height);
  for (const change of changes) {
    expect(['a', 'b']).toContain(change.segmentId);
    expect([240, 360, 720]).toContain(change.height);
    expect(change.bandwidth).toBeGreaterThan(0);
    // The frame presented at the event's media time has the event's height.
    const at = frames.find((f) => f.mediaTime >= change.mediaTime - 0.001);
    expect(at, `a frame at ${change.mediaTime}`).toBeDefined();
    expect(at!.height, `frame at ${at!.mediaTime}`).toBe(change.height);
  }
  // Segment b, fetched ahead while a played, picked its first rendition from the estimate a's
  // downloads measured, not blind: the picture keeps its size across the seam (a blind pick
  // started b on 240p for a fragment).
  const lastOfA = frames.filter((f) => f.mediaTime < 8 - 0.017).at(-1)!;
  const firstOfB = frames.find((f) => f.mediaTime >= 8 - 0.017)!;
  expect(firstOfB.height, `b's first frame at ${firstOfB.mediaTime}`).toBe(lastOfA.height);
  // Every change of picture height the element showed was reported, in order.
  const shown = frames.map((f) => f.height).filter((h, i, all) => i === 0 || h !== all[i - 1]);
  expect(changes.map((c) => c.height)).toEqual(shown);
}, 90_000);
