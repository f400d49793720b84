// Head-first in the real backend, seen from the page: with ONE render slot, a branch asked for
// while a long render is in its tail gets the slot at the next fragment boundary (its head is
// ready before the long one finishes), and the long rendition, rendered in two pieces with a
// pause between them, still plays through the real player as one seamless rendition.
// The backend: test/server/support/headFirstBackendSetup.ts.
import { afterEach, describe, expect, inject, test } from 'vitest';
import type { GenerationJob, Story } from '../../src/core/index.js';
import { watchFrames } from '../e2e/watchFrames.js';
import { beforeClose, closePlayer, next, openPlayer, recorder } from '../player/player/helpers.js';

const { url, token, story } = inject('headFirst');
/** Wall-clock gaps between presented frames longer than this are examined (the e2e tests' threshold). */
const GAP_MS = 500;

/** Each presented frame: wall-clock time and the media time it showed. */
function watchMediaFrames(video: HTMLVideoElement): Array<{ now: number; mediaTime: number }> {
  const frames: Array<{ now: number; mediaTime: number }> = [];
  const onFrame = (now: number, meta: VideoFrameCallbackMetadata): void => {
    frames.push({ now, mediaTime: meta.mediaTime });
    if (frames.length < 10_000) video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  return frames;
}

afterEach(closePlayer);

async function generate(segmentId: string, deadline: number): Promise<GenerationJob> {
  const res = await fetch(`${url}/api/v1/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ storyId: story, segmentId, history: [], deadline }),
  });
  expect(res.status, await res.clone().text()).toBe(202);
  return (await res.json()) as GenerationJob;
}

const job = async (id: string): Promise<GenerationJob> =>
  (await (await fetch(`${url}/api/v1/jobs/${id}`)).json()) as GenerationJob;

describe('head-first in the backend (one render slot)', () => {
  test('a new head takes the slot from a running tail, and the split render plays seamlessly', async () => {
    // The long branch (8 s, due in 10 s) starts alone; wait until its head (2 s) is out.
    const long = await generate('long', 10);
    let a = long;
    while (a.readySeconds < 2) {
      expect(['queued', 'running']).toContain(a.status);
      await new Promise((resolve) => setTimeout(resolve, 30));
      a = await job(long.jobId);
    }
    expect(a.status, 'the long render was still in its tail when the short branch was asked for').toBe('running');
    // Now a short branch due at once: without preemption it would wait for all 8 s of the long one.
    const urgent = await generate('urgent', 0);
    let b = urgent;
    let longReadyWhenUrgentHeadReady: number | undefined;
    while (b.status !== 'done' || a.status !== 'done') {
      await new Promise((resolve) => setTimeout(resolve, 30));
      [a, b] = await Promise.all([job(long.jobId), job(urgent.jobId)]);
      if (b.readySeconds >= 2 && longReadyWhenUrgentHeadReady === undefined)
        longReadyWhenUrgentHeadReady = a.readySeconds;
      expect(a.status).not.toBe('failed');
      expect(b.status).not.toBe('failed');
    }
    expect(
      longReadyWhenUrgentHeadReady,
      'seconds of the long branch rendered when the short one became playable',
    ).toBeLessThan(8);

    // One rendition: one init segment, no discontinuity, every segment listed, complete.
    const media = await (await fetch(new URL(`/store/${long.key}/180p.m3u8`, url))).text();
    expect(media.match(/#EXT-X-MAP/g)).toHaveLength(1);
    expect(media).not.toContain('#EXT-X-DISCONTINUITY');
    expect(media.match(/^#EXTINF/gm)).toHaveLength(8);
    expect(media).toContain('#EXT-X-ENDLIST');

    // Played through the player: no hold at a seam, no waiting, to the end (a seam
    // with a new init segment or a timestamp jump makes hls.js stall or skip there).
    const played = {
      offshoot: 1,
      id: 'split-render',
      title: 'Split render',
      start: 'long',
      segments: { long: { media: new URL(long.playlistUrl, url).href, duration: 8, end: true } },
    } as unknown as Story;
    const r = recorder();
    const player = await openPlayer({ story: played, muted: true, autoplay: true, on: r.on });
    const video = player.element.querySelector('video')!;
    const watch = watchFrames(video);
    beforeClose(() => watch.stop());
    const frames = watchMediaFrames(video);
    await next(player, 'ended', () => true, 40_000);
    expect(r.log.filter((e) => e.type === 'error')).toEqual([]);
    expect(watch.waits, 'waiting events').toEqual([]);
    // A seam hls.js had to wait at is a hold (the media clock stops) on the last frame before a
    // fragment boundary; the render paused at one of them. Elsewhere, on this loaded 2-core
    // machine (load 12–17, SwiftShader), chromium was seen to stall mid-fragment for up to
    // 0.7 s: reported, not judged (it is not about how the rendition was cut).
    const holds = frames.flatMap((f, i) => {
      const before = frames[i - 1];
      if (!before || f.now - before.now <= GAP_MS || f.mediaTime - before.mediaTime > (f.now - before.now) / 2000)
        return [];
      return [{ at: before.mediaTime, wallMs: Math.round(f.now - before.now) }];
    });
    const atBoundary = holds.filter((h) => Math.ceil(h.at) - h.at < 0.1);
    console.log(`[head-first] holds over ${GAP_MS} ms: ${JSON.stringify(holds)}`);
    expect(atBoundary, 'holds at fragment boundaries (media time, wall ms)').toEqual([]);
    expect(video.currentTime).toBeGreaterThan(7.9);
    // Frames really came: 8 s at 30 fps, allowing for SwiftShader dropping some (as the e2e tests do).
    expect(watch.frames.length).toBeGreaterThan(8 * 30 * 0.5);
  }, 90_000);
});
