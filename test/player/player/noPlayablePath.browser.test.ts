import { afterEach, describe, expect, test } from 'vitest';
import { createPlayer } from '../../../src/player/createPlayer.js';
import type { Player } from '../../../src/player/setup/Player.js';
import type { Story } from '../../../src/core/story/Story.js';
import { recorder, stage } from './helpers.js';

let player: Player | null = null;
afterEach(() => {
  player?.destroy();
  player = null;
});

/** Resolves after `ms` of timers: if the main thread were stuck, this would never come. */
const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('a story whose every segment fails', () => {
  // three-doors loops by default (hall → red → hall), and none of its media exists under
  // /examples/: each segment fails, is skipped, and the skips come round again. Once all are known
  // failed the skips are synchronous; before the bound, that hung the page for good.
  test('stops with a fatal playback-failed naming the failed segments, and the page keeps answering', async () => {
    const story = (await (await fetch('/examples/three-doors.json')).json()) as Story;
    const { log, on } = recorder();
    player = await createPlayer(stage(), {
      story,
      baseUrl: new URL('/examples/', location.href),
      autoplay: true,
      muted: true,
      on,
    }).catch((e: unknown) => {
      throw new Error(`createPlayer rejected: ${String(e)}`);
    });
    const deadline = performance.now() + 45_000;
    while (!log.some((e) => e.type === 'error' && e.fatal) && performance.now() < deadline) await tick(100);
    const fatal = log.find((e) => e.type === 'error' && e.fatal);
    expect(fatal, JSON.stringify(log.slice(-8))).toMatchObject({ type: 'error', code: 'playback-failed' });
    expect((fatal as { message: string }).message).toMatch(/No playable path.*hall/);
    // Every segment that failed was reported once, and nothing was reported as ended.
    const failed = log
      .filter((e) => e.type === 'error' && e.code === 'segment-failed')
      .map((e) => (e as { segmentId?: string }).segmentId);
    expect(new Set(failed).size).toBe(failed.length);
    expect(log.some((e) => e.type === 'ended')).toBe(false);
    // The viewer is told, as text in the player.
    expect(player.element.textContent).toMatch(/cannot play/);
    // And the page still runs timers and frames.
    const frames = await new Promise<number>((resolve) => {
      let n = 0;
      const loop = (): void => void (++n < 5 ? requestAnimationFrame(loop) : resolve(n));
      requestAnimationFrame(loop);
    });
    expect(frames).toBe(5);
  });
});
