// The playback engine under network faults injected by a loopback server (test/support/
// faultServer.ts) between chromium and the real test media: a fragment that 404s, 500s,
// hangs, arrives cut short or as garbage, and a growing playlist rewritten under the player.
// Each test checks the error code, the retries and their backoff (server-side timestamps),
// that playback went on along a playable path, and that the page never threw or froze.
// What the viewer sees for each: docs/playback-faults.md.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import type {
  PlaybackEngine,
  PlaybackEngineOptions,
  PlaybackEvents,
  SegmentSource,
} from '../../../src/player/playback/PlaybackEngine.js';
import { createTestVideo, nextEvent, recordEvents } from '../../support/playbackHarness.js';
import { frameClock, intervals, startFaults, watchPage } from '../../support/faultHarness.js';
import type { Faults, FrameClock, PageWatch } from '../../support/faultHarness.js';
import type { FaultRule } from '../../support/faultServer.js';

/** Small delays and a short timeout so a test takes seconds; the shape is the defaults'. */
const OPTIONS: PlaybackEngineOptions = {
  retries: 3,
  retryDelayMs: 100,
  maxRetryDelayMs: 2_000,
  fragmentTimeoutMs: 1_500,
  growingPollMs: 200,
};

let faults: Faults;
let engine: PlaybackEngine | null = null;
let page: PageWatch | null = null;
let frames: FrameClock | null = null;
beforeAll(async () => {
  faults = await startFaults();
});
afterAll(async () => {
  await faults.stop();
});
afterEach(async () => {
  page?.stop();
  frames?.stop();
  engine?.destroy();
  engine = page = frames = null;
  document.body.replaceChildren();
  await faults.rules([]);
});

/** A test clip behind the fault server. */
const via = (name: string, durationSeconds = 3): SegmentSource => ({
  segmentId: name,
  url: `${faults.origin}/test/media/${name}/index.m3u8`,
  durationSeconds,
});

interface Run {
  engine: PlaybackEngine;
  video: HTMLVideoElement;
  log: ReturnType<typeof recordEvents>;
  retries: Array<PlaybackEvents['retry']>;
  /** performance.now() when the faulty segment was queued. */
  queuedAt: number;
}

/** c, then `middle` (the one with the fault), then b (3 s each); the timeline ends after b. */
async function play(rules: FaultRule[], middle: SegmentSource = via('a')): Promise<Run> {
  await faults.rules(rules);
  const video = createTestVideo();
  engine = createPlaybackEngine(video, OPTIONS);
  page = watchPage();
  frames = frameClock(video);
  const log = recordEvents(engine);
  const retries: Array<PlaybackEvents['retry']> = [];
  engine.on('retry', (e) => retries.push(e));
  await engine.load(via('c'));
  await engine.play();
  const queuedAt = performance.now();
  engine.queueNext(middle);
  engine.queueNext(via('b'));
  engine.end();
  return { engine, video, log, retries, queuedAt };
}

const starts = (run: Run) =>
  run.log.filter((e) => e.type === 'segmentstart').map((e) => (e.payload as { segmentId: string }).segmentId);
const errors = (run: Run) => run.log.filter((e) => e.type === 'error').map((e) => e.payload as PlaybackEvents['error']);

/** The page kept running and the picture kept moving to the end. */
async function expectHealthyEnd(run: Run): Promise<void> {
  const ticksBefore = page!.ticks();
  await nextEvent(run.engine, 'ended', () => true, 40_000);
  expect(page!.ticks()).toBeGreaterThan(ticksBefore);
  expect(frames!.countAfter(run.queuedAt)).toBeGreaterThan(30);
  expect(page!.uncaught).toEqual([]);
}

/** Retries of one URL: attempt numbers 1..n and doubling delays (as events), each ≥ its delay apart on the server. */
async function expectBackoff(run: Run, path: string, count: number): Promise<number[]> {
  const mine = run.retries.filter((r) => r.url.endsWith(path));
  expect(mine.map((r) => r.attempt)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  const delays = mine.map((r) => r.delayMs);
  expect(delays).toEqual(Array.from({ length: count }, (_, i) => OPTIONS.retryDelayMs! * 2 ** i));
  const gaps = intervals(await faults.requests(path));
  expect(gaps).toHaveLength(count);
  gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(delays[i]!));
  return gaps;
}

function report(name: string, run: Run, recoveredAt: number): void {
  const gap = frames!.longestGapMs(run.queuedAt);
  console.log(
    `[faults] ${name}: fault→${errors(run).length ? 'skip' : 'recovery'} ${Math.round(recoveredAt - run.queuedAt)} ms, longest frozen picture ${gap} ms, stalls ${run.engine.stats().stalls}`,
  );
}

describe('fragment faults', () => {
  it('404 for good: retried with backoff, then fragment-load-failed; the segment is cut and the next one plays', async () => {
    const run = await play([{ path: '/a/seg_002.m4s', fault: 'status', status: 404 }]);
    const error = await nextEvent(run.engine, 'error');
    const at = performance.now();
    expect(error).toMatchObject({ code: 'fragment-load-failed', segmentId: 'a', fatal: false });
    expect(error.message).toMatch(/seg_002\.m4s: HTTP 404 after 4 attempt/);
    await expectBackoff(run, '/a/seg_002.m4s', 3);
    await expectHealthyEnd(run);
    expect(starts(run)).toEqual(['c', 'a', 'b']);
    // c 3 s + the two good fragments of a + b 3 s: nothing after the hole was shown.
    expect(run.video.currentTime).toBeCloseTo(8, 1);
    report('fragment 404', run, at);
  });

  it('500 twice, then OK: recovered on the third attempt, nothing skipped, no error', async () => {
    const run = await play([{ path: '/a/seg_001.m4s', fault: 'status', status: 500, times: 2 }]);
    const recovered = await nextEvent(run.engine, 'recovered');
    const at = performance.now();
    expect(recovered).toMatchObject({ segmentId: 'a', attempts: 3 });
    expect(recovered.url).toMatch(/\/a\/seg_001\.m4s$/);
    await expectBackoff(run, '/a/seg_001.m4s', 2);
    expect(run.retries[0]!.reason).toBe('HTTP 500');
    await expectHealthyEnd(run);
    expect(errors(run)).toEqual([]);
    expect(starts(run)).toEqual(['c', 'a', 'b']);
    expect(run.video.currentTime).toBeCloseTo(9, 1);
    report('fragment 500×2', run, at);
  });

  it('a request that hangs: timed out after fragmentTimeoutMs, retried, recovered', async () => {
    const run = await play([{ path: '/a/seg_001.m4s', fault: 'hang', times: 1 }]);
    const recovered = await nextEvent(run.engine, 'recovered');
    const at = performance.now();
    expect(recovered).toMatchObject({ segmentId: 'a', attempts: 2 });
    expect(run.retries[0]!.reason).toMatch(/no complete answer in 1500 ms/);
    // (The server-side interval is not checked against the timeout: the timer starts when
    // the page sends, and the request may reach the server late on a loaded machine.)
    await expectBackoff(run, '/a/seg_001.m4s', 1);
    await expectHealthyEnd(run);
    expect(errors(run)).toEqual([]);
    expect(run.video.currentTime).toBeCloseTo(9, 1);
    report('fragment hang', run, at);
  });

  it('a body cut mid-way (Content-Length says more): retried, recovered, nothing skipped', async () => {
    const run = await play([{ path: '/a/seg_001.m4s', fault: 'truncate', times: 1 }]);
    const recovered = await nextEvent(run.engine, 'recovered');
    const at = performance.now();
    expect(recovered).toMatchObject({ segmentId: 'a', attempts: 2 });
    await expectBackoff(run, '/a/seg_001.m4s', 1);
    await expectHealthyEnd(run);
    expect(errors(run)).toEqual([]);
    expect(run.video.currentTime).toBeCloseTo(9, 1);
    report('fragment truncated', run, at);
  });

  it('garbage bytes: never appended; retried, then fragment-corrupt; the segment is cut and the next one plays', async () => {
    const run = await play([{ path: '/a/seg_002.m4s', fault: 'corrupt' }]);
    const error = await nextEvent(run.engine, 'error');
    const at = performance.now();
    expect(error).toMatchObject({ code: 'fragment-corrupt', segmentId: 'a', fatal: false });
    expect(error.message).toMatch(/seg_002\.m4s: not valid fMP4/);
    await expectBackoff(run, '/a/seg_002.m4s', 3);
    await expectHealthyEnd(run);
    expect(starts(run)).toEqual(['c', 'a', 'b']);
    expect(run.video.currentTime).toBeCloseTo(8, 1);
    report('fragment corrupt', run, at);
  });

  it('garbage once: the retry gets good bytes, nothing skipped', async () => {
    const run = await play([{ path: '/a/seg_001.m4s', fault: 'corrupt', times: 1 }]);
    expect(await nextEvent(run.engine, 'recovered')).toMatchObject({ segmentId: 'a', attempts: 2 });
    expect(run.retries[0]!.reason).toMatch(/not valid fMP4/);
    await expectHealthyEnd(run);
    expect(errors(run)).toEqual([]);
    expect(run.video.currentTime).toBeCloseTo(9, 1);
  });
});

/** A growing (EVENT) playlist of forest's fragments `from`.. (absolute paths on the fault server). */
function growing(names: string[], done = false): string {
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    '#EXT-X-TARGETDURATION:1',
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:EVENT',
    '#EXT-X-MAP:URI="/test/media/forest/init.mp4"',
  ];
  for (const name of names) lines.push('#EXTINF:1.000000,', `/test/media/forest/${name}`);
  if (done) lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

describe('playlist faults', () => {
  it('a growing playlist that rewrites fragments already listed: playlist-changed, cut where it was, the next one plays', async () => {
    const PATH = '/faults/rewritten/media.m3u8';
    const run = await play([{ path: PATH, fault: 'body', body: growing(['seg_000.m4s', 'seg_001.m4s']) }], {
      segmentId: 'rewritten',
      url: `${faults.origin}${PATH}`,
      durationSeconds: 4,
    });
    await nextEvent(run.engine, 'segmentstart', (e) => e.segmentId === 'rewritten', 20_000);
    // Rendered again under the player: other fragments, other durations, in place of the listed ones.
    await faults.rules([
      {
        path: PATH,
        fault: 'body',
        body: growing(['seg_003.m4s', 'seg_002.m4s', 'seg_001.m4s'], true).replaceAll('1.000000', '0.500000'),
      },
    ]);
    const error = await nextEvent(run.engine, 'error');
    const at = performance.now();
    expect(error).toMatchObject({ code: 'playlist-changed', segmentId: 'rewritten', fatal: false });
    expect(error.message).toContain(PATH);
    await expectHealthyEnd(run);
    expect(starts(run)).toEqual(['c', 'rewritten', 'b']);
    // c 3 s + the two fragments listed before the rewrite + b 3 s.
    expect(run.video.currentTime).toBeCloseTo(8, 1);
    report('playlist rewritten', run, at);
  });
});
