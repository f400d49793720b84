// The player's wiring for generated segments, against the real backend of the browser
// project (test/support/backendGlobalSetup.ts: HTTP API, queue, procedural generator,
// ffmpeg, store) on examples/generated-lantern.json, where every segment is generated.
import { afterEach, expect, inject, test } from 'vitest';
import { createPlayer } from '../../../src/player/createPlayer.js';
import type { Player } from '../../../src/player/setup/Player.js';
import { next, plain, recorder, stage } from './helpers.js';

const backendUrl = inject('backendUrl');
const tokens = inject('tokens');
const STORY_URL = `${backendUrl}/api/v1/stories/generated-lantern`;

let player: Player | null = null;
let container: HTMLDivElement | null = null;
afterEach(() => {
  player?.destroy();
  container?.remove();
  player = container = null;
});

/** When the player root was aria-busy (the hold), and when the video presented its first frame. */
function watchHold(
  root: HTMLElement,
  video: HTMLVideoElement,
): { busySince: number[]; firstFrameAt: () => number | null; stop: () => void } {
  const busySince: number[] = [];
  let first: number | null = null;
  const observer = new MutationObserver(() => {
    if (root.getAttribute('aria-busy') === 'true') busySince.push(performance.now());
  });
  observer.observe(root, { attributes: true, attributeFilter: ['aria-busy'] });
  if (root.getAttribute('aria-busy') === 'true') busySince.push(performance.now());
  video.requestVideoFrameCallback(() => (first = performance.now()));
  return { busySince, firstFrameAt: () => first, stop: () => observer.disconnect() };
}

test('a story that starts on a generated segment: the hold shows until its start is playable, then it plays to an ending with no error', async () => {
  container = stage();
  const r = recorder();
  const opened = performance.now();
  player = await createPlayer(container, {
    story: STORY_URL,
    generation: { baseUrl: backendUrl, token: tokens.second },
    muted: true,
    autoplay: true,
    on: r.on,
  });
  const video = player.element.querySelector('video')!;
  const hold = watchHold(player.element, video);
  await next(player, 'ended', () => true, 90_000);
  hold.stop();
  const first = hold.firstFrameAt();
  console.log(
    `[generated] start: first frame ${first === null ? 'never' : Math.round(first - opened)} ms after createPlayer; hold shown ${hold.busySince.length}×`,
  );

  expect(r.log.filter((e) => e.type === 'error')).toEqual([]);
  const segments = plain(r.log)
    .filter((e) => e.type === 'segmentstart')
    .map((e) => (e as { segmentId: string }).segmentId);
  expect(segments).toEqual(['intro', 'woods', 'crossroads', 'home']);
  expect(first).not.toBeNull();
  // The first segment was asked for at load (it never went to the engine unrendered); if
  // the viewer had to wait for it, the hold was up before any picture, and it is down now.
  if (hold.busySince.length > 0) expect(hold.busySince[0]!).toBeLessThan(first!);
  expect(player.element.hasAttribute('aria-busy')).toBe(false);
  const stats = player.getStats();
  expect(stats.failedSegments).toEqual([]);
  expect(stats.transitions).toBe(3);
  expect(stats.branchesReadyInTime).toBeDefined();
}, 100_000);

test('a branch whose render fails takes another path: non-fatal generation-failed, the story goes on to an ending', async () => {
  container = stage();
  const r = recorder();
  // The backend refuses this one segment (as a failed render would end); everything else is real.
  const refusing: typeof fetch = async (input, init) => {
    if (init?.method === 'POST' && typeof init.body === 'string' && JSON.parse(init.body).segmentId === 'streets') {
      return new Response(JSON.stringify({ error: { code: 'render-failed', message: 'test: the renderer crashed' } }), {
        status: 422,
        headers: { 'content-type': 'application/json' },
      });
    }
    return fetch(input, init);
  };
  player = await createPlayer(container, {
    story: STORY_URL,
    generation: { baseUrl: backendUrl, token: tokens.first, fetch: refusing },
    muted: true,
    autoplay: true,
    on: r.on,
  });
  const p = player;
  p.on('choicestart', (e) => {
    if (e.segmentId === 'intro') p.choose('robot');
  });
  await next(p, 'ended', () => true, 90_000);

  const errors = plain(r.log).filter((e) => e.type === 'error');
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ code: 'generation-failed', segmentId: 'streets', fatal: false });
  const segments = plain(r.log)
    .filter((e) => e.type === 'segmentstart')
    .map((e) => (e as { segmentId: string }).segmentId);
  // streets is skipped: its continuation (crossroads) follows intro directly.
  expect(segments).toEqual(['intro', 'crossroads', 'home']);
  expect(plain(r.log).at(-1)).toEqual({ type: 'ended', segmentId: 'home' });
  expect(p.getStats().failedSegments).toEqual(['streets']);
}, 100_000);

test('a branch still rendering when its segment is due: the last frame holds (aria-busy), then playback resumes by itself; no error, no end()', async () => {
  container = stage();
  const r = recorder();
  // The request for this branch leaves only once the player holds at intro's end (a slow
  // network or a busy queue), so the branch cannot be ready when intro ends, whatever the
  // store holds already and however fast or slow this machine plays. (After 20 s it leaves
  // anyway, and the checks below say what went wrong.)
  const slow: typeof fetch = async (input, init) => {
    if (init?.method === 'POST' && typeof init.body === 'string' && JSON.parse(init.body).segmentId === 'streets') {
      const asked = performance.now();
      while (player?.element.getAttribute('aria-busy') !== 'true' && performance.now() - asked < 20_000)
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return fetch(input, init);
  };
  // depth 0: nothing is asked for ahead, so the branch is requested only once chosen.
  player = await createPlayer(container, {
    story: STORY_URL,
    generation: { baseUrl: backendUrl, token: tokens.third, fetch: slow, depth: 0 },
    muted: true,
    autoplay: true,
    on: r.on,
  });
  const p = player;
  const hold = watchHold(p.element, p.element.querySelector('video')!);
  p.on('choicestart', (e) => {
    if (e.segmentId === 'intro') p.choose('robot');
  });
  await next(p, 'ended', () => true, 90_000);
  hold.stop();
  const first = hold.firstFrameAt();
  const segments = plain(r.log)
    .filter((e) => e.type === 'segmentstart')
    .map((e) => (e as { segmentId: string }).segmentId);
  const holdsAfterStart = hold.busySince.filter((t) => first !== null && t > first);
  console.log(
    `[generated] late branch: holds began at ${JSON.stringify(holdsAfterStart.map((t) => Math.round(t - first!)))} ms after the first frame; boundaries ${JSON.stringify(p.getStats().playback?.boundaries.map((b) => Math.round(b.wallGapMs)))} ms`,
  );

  expect(r.log.filter((e) => e.type === 'error')).toEqual([]);
  expect(segments).toEqual(['intro', 'streets', 'crossroads', 'home']);
  expect(plain(r.log).at(-1)).toEqual({ type: 'ended', segmentId: 'home' });
  // The viewer saw the hold while streets rendered, and it is gone now.
  expect(holdsAfterStart.length).toBeGreaterThan(0);
  expect(p.element.hasAttribute('aria-busy')).toBe(false);
  expect(p.getStats().branchesReadyInTime).toBeLessThan(1);
}, 100_000);
