import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RebufferHold } from '../../../src/player/playback/RebufferHold.js';

/** The element as the hold uses it: paused, pause(), play(). */
function fakeVideo() {
  const video = {
    paused: false,
    plays: 0,
    pause() {
      video.paused = true;
    },
    play() {
      video.paused = false;
      video.plays++;
      return Promise.resolve();
    },
  };
  return video;
}

/** 1 Mbps media on a 1.2 Mbps link (startupGoal: 2 s) with `ahead` seconds listed. */
function setup(nearlyFull = true) {
  const video = fakeVideo();
  const link = { ahead: 0.2 };
  /** What the hold said, in order (the engine's `rebufferhold` events). */
  const said: boolean[] = [];
  const hold = new RebufferHold(
    video as unknown as HTMLVideoElement,
    {
      ahead: () => link.ahead,
      mediaBps: () => 1e6,
      estimate: () => ({ bps: 1.2e6, measured: true }),
      fragmentSeconds: () => 1,
      settled: () => false,
      nearlyFull: () => nearlyFull,
    },
    (holding) => said.push(holding),
  );
  return { video, link, hold, said };
}

describe('RebufferHold', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('after a stall on a nearly full link, holds the picture until the start-up goal is ahead again', async () => {
    const { video, link, hold } = setup();
    hold.stalled();
    expect(video.paused).toBe(true);
    expect(hold.holding).toBe(true);
    link.ahead = 1.2; // one more fragment: the browser would resume here, and stall again
    await vi.advanceTimersByTimeAsync(500);
    expect(video.paused).toBe(true);
    link.ahead = 2;
    await vi.advanceTimersByTimeAsync(100);
    expect(video.paused).toBe(false);
    expect(hold.holding).toBe(false);
  });

  it('does nothing on a link with room, or when the viewer had paused', () => {
    const roomy = setup(false);
    roomy.hold.stalled();
    expect(roomy.video.paused).toBe(false);
    const paused = setup();
    paused.video.paused = true;
    paused.hold.stalled();
    expect(paused.hold.holding).toBe(false);
  });

  it("the viewer's play or pause ends the hold: it does not play later on its own", async () => {
    const { video, link, hold } = setup();
    hold.stalled();
    hold.release();
    video.paused = true; // the viewer paused
    link.ahead = 4;
    await vi.advanceTimersByTimeAsync(200);
    expect(video.plays).toBe(0);
    expect(video.paused).toBe(true);
  });

  it('says when a hold starts and ends, so controls can show buffering rather than paused', async () => {
    const resumed = setup();
    resumed.hold.stalled();
    expect(resumed.said).toEqual([true]);
    resumed.link.ahead = 2;
    await vi.advanceTimersByTimeAsync(100);
    expect(resumed.said).toEqual([true, false]);
    const released = setup();
    released.hold.stalled();
    released.hold.release();
    released.hold.release(); // not holding any more: nothing to say
    expect(released.said).toEqual([true, false]);
    const roomy = setup(false);
    roomy.hold.stalled();
    expect(roomy.said).toEqual([]);
  });
});
