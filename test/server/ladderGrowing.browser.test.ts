// A generated segment rendered as a ladder (180p + 360p, test/server/support/ladderBackendSetup.ts)
// and played by the real player in chromium WHILE it renders (paced to real time): on a link that
// lets it (loopback), the player starts on the lightest rendition (nothing measured yet) and moves
// up to 360p inside the segment while its playlists still grow, and does not go back down at the
// playlists' growing end (issue 11, ADR 0011). Measured
// from the media element: the height of each presented frame (requestVideoFrameCallback) and
// `waiting`. The playlist requests (Resource Timing) are compared with the same test's
// reference-only run (`abr: 'per-segment'`: one rendition, one playlist polled), on a second
// story rendered the same way.
import { afterEach, describe, expect, inject, test } from 'vitest';
import { joinJob, runningUntilDone } from './support/followJob.js';
import type { PlaybackEngineOptions } from '../../src/player/playback/PlaybackEngine.js';
import { watchFrames } from '../e2e/watchFrames.js';
import { beforeClose, closePlayer, next, openPlayer, recorder } from '../player/player/helpers.js';

const { url, token, stories, seconds } = inject('ladderBackend');

afterEach(closePlayer);

interface Frame {
  mediaTime: number;
  height: number;
}

/** What one run saw. `runningUntil`: when the last job poll that still found the render running was sent. */
interface Run {
  frames: Frame[];
  waits: number;
  errors: unknown[];
  runningUntil: number;
  /** The media playlists' reads (180p.m3u8, 360p.m3u8) and fragment requests, from Resource Timing, in order. */
  playlistReads: PerformanceResourceTiming[];
  fragments: PerformanceResourceTiming[];
}

/** Play `storyId` (its one segment generated as it plays) to its end. */
async function play(storyId: string, engine: PlaybackEngineOptions = {}): Promise<Run> {
  performance.clearResourceTimings();
  performance.setResourceTimingBufferSize(10_000);
  const r = recorder();
  const player = await openPlayer(
    {
      story: `${url}/api/v1/stories/${storyId}`,
      generation: { baseUrl: url, token },
      muted: true,
      autoplay: true,
      on: r.on,
      engine,
    },
    { width: 640, height: 360 }, // the box cap lets the player show 360p
  );
  const video = player.element.querySelector('video')!;
  const watch = watchFrames(video);
  beforeClose(() => watch.stop());
  const frames: Frame[] = [];
  const onFrame = (_now: number, meta: VideoFrameCallbackMetadata): void => {
    frames.push({ mediaTime: meta.mediaTime, height: meta.height });
    if (frames.length < 10_000) video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  const ended = next(player, 'ended', () => true, 90_000);

  // The same viewer asking for the same segment joins the player's job: its key and status.
  const { key, jobId } = await joinJob(url, token, storyId, 'intro');
  const runningUntil = await runningUntilDone(url, jobId);
  await ended;
  await expect.poll(() => video.ended, { timeout: 5_000 }).toBe(true);
  const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((e) => e.name.includes(`/store/${key}/`))
    .sort((a, b) => a.startTime - b.startTime);
  return {
    frames,
    waits: watch.waits.length,
    errors: r.log.filter((e) => e.type === 'error'),
    runningUntil,
    playlistReads: resources.filter((e) => /\/\d+p\.m3u8$/.test(e.name)),
    fragments: resources.filter((e) => e.name.endsWith('.m4s')),
  };
}

const renditionOf = (e: PerformanceResourceTiming) => /\/(\d+p)[.-][^/]*$/.exec(e.name)?.[1];

describe('a growing generated ladder, played as it renders', () => {
  test('switches to the higher rendition inside the segment while its playlists grow, polling no more than one rendition', async () => {
    const abr = await play(stories[0]!);
    closePlayer();
    const baseline = await play(stories[1]!, { abr: 'per-segment' });

    for (const run of [abr, baseline]) {
      expect(run.errors).toEqual([]);
      expect(run.waits, 'waiting events').toBe(0);
      expect(run.frames.length).toBeGreaterThan(0);
      expect(run.frames[0]!.height, 'first frame: the safe first pick').toBe(180);
    }
    // The reference-only run stays on its first pick and polls its one playlist.
    expect(new Set(baseline.frames.map((f) => f.height))).toEqual(new Set([180]));
    expect(new Set(baseline.playlistReads.map(renditionOf))).toEqual(new Set(['180p']));

    // The ABR run shows 360p from a point inside the segment.
    const up = abr.frames.findIndex((f) => f.height === 360);
    expect(up, `heights: ${[...new Set(abr.frames.map((f) => f.height))].join(', ')}`).toBeGreaterThan(0);
    const upAt = abr.frames[up]!.mediaTime;
    expect(upAt).toBeGreaterThan(0);
    expect(upAt).toBeLessThan(seconds - 1);
    // ... and stays there: on loopback the link has room, so media short ahead of the playhead
    // is the render's doing (a player just behind a render at 1×), and a lighter rendition
    // would not list sooner. Before, the emergency rule went back to 180p in 4 runs of 6.
    const after = abr.frames.slice(up).filter((f) => f.height !== 360);
    expect(after.map((f) => `${f.height}p@${f.mediaTime.toFixed(2)}`).slice(0, 5), 'down again after 360p').toEqual([]);
    // ... chosen while the render was still going: the first 360p fragment was asked for, and
    // the 360p playlist that allowed it read, before the last poll that found the job running.
    const first360 = abr.fragments.find((e) => renditionOf(e) === '360p');
    expect(first360, 'a 360p fragment was fetched').toBeDefined();
    expect(first360!.startTime).toBeLessThan(abr.runningUntil);

    // Polling: one playlist at a time. 180p's is polled until the switch, then 360p's in its
    // place; another rendition's playlist is read only when the choice wants it, at most once
    // per fragment (here once: the switch's read of 360p, unless a switch down followed).
    const order = abr.playlistReads.map(renditionOf);
    const changes = order.filter((r, i) => i > 0 && r !== order[i - 1]).length;
    expect(changes, order.join(' ')).toBeGreaterThan(0);
    expect(changes, order.join(' ')).toBeLessThanOrEqual(seconds);
    // ... and as often as the reference-only run polls its one playlist: the median time between
    // two reads while growing (every growingPollMs in both; reading every rendition's playlist
    // at each poll would halve it). Counts depend on when each run started; the pace does not.
    const growing = (run: Run) => run.playlistReads.filter((e) => e.responseEnd < run.runningUntil);
    const medianGap = (run: Run) => {
      const starts = growing(run).map((e) => e.startTime);
      const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
      return gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? NaN;
    };
    const [gapAbr, gapBaseline] = [medianGap(abr), medianGap(baseline)];
    expect(growing(abr).length, 'reads while growing').toBeGreaterThan(2);
    expect(gapAbr, `median ms between playlist reads: ABR ${gapAbr}, reference-only ${gapBaseline}`).toBeGreaterThan(
      gapBaseline * 0.75,
    );
    const [readsAbr, readsBaseline] = [growing(abr).length, growing(baseline).length];
    const shown = abr.frames
      .filter((f, i) => f.height !== abr.frames[i - 1]?.height)
      .map((f) => `${f.height}p@${f.mediaTime.toFixed(2)}`);
    console.log(
      `[ladder growing] ${shown.join(' → ')}; 360p from media ${upAt.toFixed(3)} s (first 360p fragment asked ` +
        `${((abr.runningUntil - first360!.startTime) / 1000).toFixed(1)} s before the render's end); ` +
        `playlist reads while growing: ABR ${readsAbr} (${order.join(' ')}), reference-only ${readsBaseline}; ` +
        `median gap ${gapAbr.toFixed(0)} / ${gapBaseline.toFixed(0)} ms; ` +
        `in all ${abr.playlistReads.length} / ${baseline.playlistReads.length}; waiting ${abr.waits} / ${baseline.waits}`,
    );
  }, 120_000);
});
