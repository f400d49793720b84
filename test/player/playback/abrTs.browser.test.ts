// Adaptive bitrate with an MPEG-TS ladder (issue 11, ADR 0015): `ladder-ts` is the `ladder`
// clip as ffmpeg's default HLS makes it (MPEG-TS, x264 B-frames, muxed AAC), one encode per
// rendition, each with its own timestamp origin (360p and 720p start 9.93 s and 94.93 s after
// 240p). A switch inside a segment must land the new rendition's fragment where the old one's
// would have been, with hls.js's transmuxer making a new init segment for the new picture size.
// Measured from the media element in real chromium: every presented frame's size and media
// time (requestVideoFrameCallback), `waiting`, and each SourceBuffer's own buffered ranges.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import { clip, findSkips, FRAME_MS } from '../../support/playbackHarness.js';
import { playRenditions } from '../../support/playRenditions.js';
import { cleanUp, ranges, recordSourceBuffers } from '../../support/seamlessChain.js';

// Each test fetches the same media: from the HTTP cache a download tells nothing about the link
// (ThroughputMeter does not count it), so the cache is off here, whatever ran before.
beforeEach(async () => {
  await cdp().send('Network.enable');
  await cdp().send('Network.setCacheDisabled', { cacheDisabled: true });
});
afterEach(async () => {
  cleanUp();
  await cdp().send('Network.setCacheDisabled', { cacheDisabled: false });
});

/** x264's default B-frame delay at 30 fps: a TS timeline is presented two frames late (ADR 0010). */
const TS_DELAY = 2 / 30;
const SECONDS = 8;

/**
 * Plays `times` ladder-ts segments spliced (from `offset` seconds into the first: a restart
 * on a fresh engine, whose first pick is the safe 240p) to the end: every presented frame.
 */
async function playTsLadder(times = 1, offset = 0) {
  const buffers = recordSourceBuffers();
  const chain = Array.from({ length: times }, (_, i) => clip('ladder-ts', SECONDS, `ts-${i + 1}`));
  const { video, frames, runs, waiting, changes, errors } = await playRenditions(chain, {}, offset);
  const dropped = video.getVideoPlaybackQuality().droppedVideoFrames;
  const tracks = buffers.map((b) => ({ type: b.type.split(';')[0]!, ranges: ranges(b.buffer) }));
  console.log(
    `[abr ts] shown ${JSON.stringify(runs)}, waiting ${waiting.length}, dropped ${dropped}, ` +
      `tracks ${JSON.stringify(tracks)}, skips ${JSON.stringify(findSkips(frames))}, errors ${JSON.stringify(errors)}`,
  );
  return { frames, runs, waiting, errors, changes, tracks, dropped, end: times * SECONDS + TS_DELAY };
}

/** What every run must show: a climb from 240p inside the first segment, frame by frame, audio in one piece. */
function expectSeamlessSwitch(result: Awaited<ReturnType<typeof playTsLadder>>, offset: number) {
  const { frames, runs, waiting, errors, changes, tracks, dropped, end } = result;
  expect(errors).toEqual([]);
  // The safe first pick, then a higher rendition from a fragment boundary inside the segment
  // (the 1 s grid, plus the timeline's B-frame delay), within two fragments of the start.
  expect(frames[0]!.height).toBe(240);
  // The first picture: the timeline's first (its B-frame delay late), or, after a restart, the
  // one at the restart point.
  if (offset === 0) expect(frames[0]!.mediaTime - TS_DELAY).toBeCloseTo(0, 2);
  else expect(Math.abs(frames[0]!.mediaTime - offset - TS_DELAY / 2) * 1000).toBeLessThan(FRAME_MS * 1.5);
  const higher = runs.find((r) => r.height > 240);
  expect(higher, JSON.stringify(runs)).toBeDefined();
  expect(higher!.from - TS_DELAY).toBeLessThan(Math.floor(offset) + 2 + FRAME_MS / 2000);
  const onGrid = higher!.from - TS_DELAY;
  expect(Math.abs(onGrid - Math.round(onGrid)) * 1000).toBeLessThan(FRAME_MS / 2);
  expect(runs.at(-1)!.height).toBe(720);
  // Seamless across every switch and seam: no waiting, and media time advanced by exactly the
  // frames presented (beyond those the loaded browser dropped for lateness), to the end.
  expect(waiting, 'waiting after the first frame').toEqual([]);
  expect(findSkips(frames).missing).toBeLessThanOrEqual(dropped);
  expect(frames.at(-1)!.mediaTime).toBeGreaterThan(end - 2 * (FRAME_MS / 1000));
  // Transmuxed TS: an audio and a video SourceBuffer, each one range (no hole at a switch or seam).
  expect(tracks.map((t) => t.type).sort()).toEqual(['audio/mp4', 'video/mp4']);
  for (const t of tracks) expect(t.ranges, `${t.type} buffered`).toHaveLength(1);
  // The engine's event tells what the media element presented.
  expect(changes.map((c) => c.height)).toEqual(runs.map((r) => r.height));
  for (const [i, c] of changes.entries()) expect(Math.abs(c.mediaTime - runs[i]!.from)).toBeLessThan(0.05);
}

describe('an MPEG-TS ladder switches rendition inside a segment', () => {
  it('climbs from 240p at a fragment boundary inside the segment: no waiting, no skipped frame, audio one range', async () => {
    expectSeamlessSwitch(await playTsLadder(), 0);
  });

  it('two TS ladder segments spliced, switching inside the first: seamless through the seam', async () => {
    const result = await playTsLadder(2);
    expectSeamlessSwitch(result, 0);
    // The seam at 8 s: a frame presented right at it (within half a frame, on the TS grid).
    const seam = result.frames.find((f) => f.mediaTime >= SECONDS + TS_DELAY - FRAME_MS / 2000);
    expect(Math.abs(seam!.mediaTime - SECONDS - TS_DELAY) * 1000).toBeLessThan(FRAME_MS / 2);
  });

  it('a restart mid-segment (restartAt 3.5 s) starts on 240p and switches inside the segment like a load', async () => {
    expectSeamlessSwitch(await playTsLadder(1, 3.5), 3.5);
  });
});
