// The whole player (story machine, engine, overlay) when media downloads fail long enough
// for the picture to stop: what the viewer is shown ("Reconnecting…" on the hold card, in
// the live region, aria-busy on the player) and what the page hears (`error` codes), with
// the fault injected by the loopback fault server (test/support/faultServer.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPlayer } from '../../../src/player/createPlayer.js';
import type { PlaybackEngineOptions } from '../../../src/player/playback/PlaybackEngine.js';
import type { Player } from '../../../src/player/setup/Player.js';
import type { PlayerEvents } from '../../../src/player/PlayerEvents.js';
import { next, recorder, stage } from '../player/helpers.js';
import type { Logged } from '../player/helpers.js';
import { frameClock, startFaults, watchPage } from '../../support/faultHarness.js';
import type { Faults, FrameClock, PageWatch } from '../../support/faultHarness.js';

let faults: Faults;
let player: Player | null = null;
let page: PageWatch | null = null;
let frames: FrameClock | null = null;
beforeAll(async () => {
  faults = await startFaults();
});
afterAll(async () => {
  await faults.stop();
});
let lastLog: Logged[] = [];
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    console.log(`[faults] events: ${JSON.stringify(lastLog)}\n[faults] stats: ${JSON.stringify(player?.getStats())}`);
  page?.stop();
  frames?.stop();
  player?.destroy();
  player = page = frames = null;
  document.body.replaceChildren();
  await faults.rules([]);
});

/** c → a → b (3 s each), every clip behind the fault server. */
function story(): object {
  const media = (name: string) => `${faults.origin}/test/media/${name}/index.m3u8`;
  return {
    offshoot: 1,
    id: 'faults',
    title: 'Faults',
    start: 'c',
    segments: {
      c: { media: media('c'), duration: 3, next: 'a' },
      a: { media: media('a'), duration: 3, next: 'b' },
      b: { media: media('b'), duration: 3, end: true },
    },
  };
}

interface Run {
  player: Player;
  log: Logged[];
}

async function open(engine: PlaybackEngineOptions): Promise<Run> {
  const r = recorder();
  page = watchPage();
  const p = (player = await createPlayer(stage(), { story: story(), autoplay: true, muted: true, on: r.on, engine }));
  frames = frameClock(p.element.querySelector('video')!);
  lastLog = r.log;
  return { player: p, log: r.log };
}

const live = (p: Player) => p.element.querySelector('[data-osp-live]')?.textContent?.trim() ?? '';
const busy = (p: Player) =>
  p.element.closest('[aria-busy="true"]') !== null ||
  p.element.querySelector('[aria-busy="true"]') !== null ||
  p.element.getAttribute('aria-busy') === 'true';
const errors = (log: Logged[]) =>
  log
    .filter((e): e is Logged & { type: 'error' } => e.type === 'error')
    .map(({ code, cause, segmentId, fatal }: PlayerEvents['error']) => ({ code, cause, segmentId, fatal }));
const starts = (log: Logged[]) =>
  log.filter((e) => e.type === 'segmentstart').map((e) => (e as PlayerEvents['segmentstart']).segmentId);

/** Resolves once the player shows "Reconnecting…" (live region and aria-busy); when, on performance.now(). */
async function reconnectingShown(p: Player): Promise<number> {
  await expect.poll(() => busy(p) && live(p) === 'Reconnecting…', { timeout: 30_000, interval: 50 }).toBe(true);
  return performance.now();
}

describe('the viewer during a media outage', () => {
  it('the picture stops on a failing fragment: "Reconnecting…" while it is retried, gone once it arrives; nothing skipped', async () => {
    await faults.rules([{ path: '/a/seg_001.m4s', fault: 'status', status: 503 }]);
    const { player: p, log } = await open({ retries: 30, retryDelayMs: 200, maxRetryDelayMs: 1_000 });
    await reconnectingShown(p);
    const ticks = page!.ticks();
    // The server is back: the next retry gets the fragment.
    await faults.rules([]);
    await next(p, 'ended', () => true, 40_000);
    const gone = !busy(p);
    expect(gone).toBe(true);
    expect(page!.ticks()).toBeGreaterThan(ticks);
    expect(page!.uncaught).toEqual([]);
    expect(errors(log)).toEqual([
      { code: 'reconnecting', cause: 'fragment-load-failed', segmentId: 'a', fatal: false },
    ]);
    expect(starts(log)).toEqual(['c', 'a', 'b']);
    expect(p.getStats().failedSegments).toEqual([]);
    // Every frame of a after the hole was shown: 9 s of media played.
    expect(p.element.querySelector('video')!.currentTime).toBeCloseTo(9, 1);
    console.log(
      `[faults] player, fragment 503 until healed: frozen picture ${frames!.longestGapMs()} ms, stalls ${p.getStats().stalls}`,
    );
  });

  it('a fragment that never comes: "Reconnecting…" until the retries run out, then segment-failed and the story goes on', async () => {
    await faults.rules([{ path: '/a/seg_001.m4s', fault: 'status', status: 503 }]);
    const { player: p, log } = await open({ retries: 5, retryDelayMs: 500, maxRetryDelayMs: 2_000 });
    const shownAt = await reconnectingShown(p);
    const failed = next(p, 'error', (e) => e.code === 'segment-failed', 30_000);
    const bStarts = next(p, 'segmentstart', (e) => e.segmentId === 'b', 30_000);
    expect(await failed).toMatchObject({ segmentId: 'a', cause: 'fragment-load-failed', fatal: false });
    const skippedAt = performance.now();
    await bStarts;
    // The hold came down with the skip; the picture moves on with b.
    expect(busy(p)).toBe(false);
    const framesBefore = frames!.countAfter(skippedAt);
    await next(p, 'ended', () => true, 20_000);
    expect(frames!.countAfter(skippedAt)).toBeGreaterThan(framesBefore + 30);
    expect(page!.uncaught).toEqual([]);
    expect(errors(log)).toEqual([
      { code: 'reconnecting', cause: 'fragment-load-failed', segmentId: 'a', fatal: false },
      { code: 'segment-failed', cause: 'fragment-load-failed', segmentId: 'a', fatal: false },
    ]);
    expect(starts(log)).toEqual(['c', 'a', 'b']);
    console.log(
      `[faults] player, fragment 503 for good: "Reconnecting…" shown ${Math.round(skippedAt - shownAt)} ms, frozen picture ${frames!.longestGapMs()} ms, stalls ${p.getStats().stalls}`,
    );
  });
});
