// The generation backend going down while a viewer watches a generated story, and coming
// back: the real backend (test/support/backendGlobalSetup.ts) behind the loopback fault
// server as a proxy, whose port is closed (every open connection, event streams included,
// cut) and opened again. The player must retry with backoff, tell the viewer
// "Reconnecting…" while the picture waits, and go on to an ending.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Story } from '../../../src/core/index.js';
import { createPlayer } from '../../../src/player/createPlayer.js';
import type { Player } from '../../../src/player/setup/Player.js';
import type { PlayerEvents } from '../../../src/player/PlayerEvents.js';
import { next, recorder, stage } from '../player/helpers.js';
import type { Logged } from '../player/helpers.js';
import { frameClock, startFaults, watchPage } from '../../support/faultHarness.js';
import type { Faults, FrameClock, PageWatch } from '../../support/faultHarness.js';

const backendUrl = inject('backendUrl');
const tokens = inject('tokens');

let faults: Faults;
let player: Player | null = null;
let page: PageWatch | null = null;
let frames: FrameClock | null = null;
let lastLog: Logged[] = [];
beforeAll(async () => {
  faults = await startFaults(backendUrl);
});
afterAll(async () => {
  await faults.stop();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    console.log(`[faults] events: ${JSON.stringify(lastLog)}\n[faults] stats: ${JSON.stringify(player?.getStats())}`);
  page?.stop();
  frames?.stop();
  player?.destroy();
  player = page = frames = null;
  document.body.replaceChildren();
  await faults.up();
});

const live = (p: Player) => p.element.querySelector('[data-osp-live]')?.textContent?.trim() ?? '';
const busy = (p: Player) =>
  p.element.getAttribute('aria-busy') === 'true' || p.element.querySelector('[aria-busy="true"]') !== null;

describe('the generation backend goes down mid-story and comes back', () => {
  it(
    'retries with backoff, shows "Reconnecting…" while the picture waits, and plays on to an ending',
    { timeout: 180_000 },
    async () => {
      const story = (await (await fetch(`${faults.origin}/api/v1/stories/generated-lantern`)).json()) as Story;
      const r = recorder();
      lastLog = r.log;
      page = watchPage();
      // Attempts seen by the generation client (its `fetch`): when, and whether the backend answered.
      const attempts: Array<{ at: number; ok: boolean }> = [];
      const recordingFetch: typeof fetch = async (input, init) => {
        try {
          const res = await fetch(input, init);
          attempts.push({ at: performance.now(), ok: true });
          return res;
        } catch (error) {
          attempts.push({ at: performance.now(), ok: false });
          throw error;
        }
      };
      const p = (player = await createPlayer(stage(), {
        story,
        muted: true,
        autoplay: true,
        on: r.on,
        // Tolerances longer than the outage below; `random: () => 1` makes the backoff its ceiling (no jitter).
        engine: { retries: 10, retryDelayMs: 250, maxRetryDelayMs: 2_000 },
        generation: {
          baseUrl: faults.origin,
          token: tokens.third,
          fetch: recordingFetch,
          retry: { retries: 4, baseMs: 250, maxMs: 2_000 },
          random: () => 1,
          reconnectMs: 60_000,
        },
      }));
      frames = frameClock(p.element.querySelector('video')!);
      await next(p, 'segmentstart', () => true, 60_000);
      // Mid-story: the lookahead's jobs render, their event streams are open, the next branch is being fetched.
      const downAt = performance.now();
      await faults.down();
      await expect.poll(() => busy(p) && live(p) === 'Reconnecting…', { timeout: 40_000, interval: 50 }).toBe(true);
      const shownAt = performance.now();
      const ticks = page.ticks();
      await faults.up();
      const upAt = performance.now();
      await next(p, 'ended', () => true, 120_000);

      const errors = r.log.filter((e): e is Logged & { type: 'error' } => e.type === 'error') as Array<
        PlayerEvents['error']
      >;
      expect(errors.filter((e) => e.fatal)).toEqual([]);
      const reconnecting = errors.filter((e) => e.code === 'reconnecting');
      expect(reconnecting.length).toBeGreaterThan(0);
      expect(['network', 'fragment-load-failed', 'playlist-load-failed']).toContain(reconnecting[0]!.cause);
      // The client's failed attempts during the outage came further and further apart.
      const failedGaps = attempts
        .filter((a) => !a.ok && a.at >= downAt && a.at <= upAt)
        .map((a, i, all) => (i === 0 ? 0 : a.at - all[i - 1]!.at));
      expect(failedGaps.length).toBeGreaterThan(1);
      // The hold is gone, the picture moved after the backend came back, the page never threw.
      expect(busy(p)).toBe(false);
      expect(frames.countAfter(upAt)).toBeGreaterThan(30);
      expect(page.ticks()).toBeGreaterThan(ticks);
      expect(page.uncaught).toEqual([]);
      const started = r.log
        .filter((e) => e.type === 'segmentstart')
        .map((e) => (e as PlayerEvents['segmentstart']).segmentId);
      expect(started.length).toBeGreaterThanOrEqual(3);
      const firstFrameAfterUp = frames.frames.find((f) => f.at > upAt)?.at ?? NaN;
      console.log(
        `[faults] backend down ${Math.round(upAt - downAt)} ms: "Reconnecting…" after ${Math.round(shownAt - downAt)} ms, picture back ${Math.round(firstFrameAfterUp - upAt)} ms after the backend, ` +
          `longest frozen picture ${frames.longestGapMs(downAt)} ms, failed client attempts ${failedGaps.length} (gaps ${failedGaps.slice(1).map(Math.round).join(', ')} ms), ` +
          `path ${started.join(' → ')}, errors ${errors.map((e) => `${e.code}/${e.cause ?? ''}`).join(', ')}`,
      );
    },
  );
});
