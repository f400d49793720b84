// A rendition still being rendered into the S3 store, played through the real player in
// chromium: the backend runs with an S3 store on a real s3rver (test/server/support/
// s3BackendSetup.ts), the story's only segment is generated, and the player starts it once its
// head is out, fetching the growing playlist again and again through the API from the
// bucket's partial prefix until the render is committed, and plays it to its end. The render
// is paced to real time (see the setup), so it grows for at least 8 s however fast this
// machine is; the checks use when the job was last seen running, not how fast the page is.
import { afterEach, describe, expect, inject, test } from 'vitest';
import { joinJob, runningUntilDone } from './support/followJob.js';
import { closePlayer, next, openPlayer, plain, recorder } from '../player/player/helpers.js';

const { url, token, story, seconds } = inject('s3Backend');

afterEach(closePlayer);

/** The media time of every frame the video presents. */
function watchMediaTimes(video: HTMLVideoElement): number[] {
  const times: number[] = [];
  const onFrame = (_now: number, meta: VideoFrameCallbackMetadata): void => {
    times.push(meta.mediaTime);
    if (times.length < 10_000) video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  return times;
}

/** The first media playlist a master playlist names. */
async function mediaPlaylistUrl(key: string): Promise<string> {
  const reply = await fetch(`${url}/store/${key}/index.m3u8`);
  const master = await reply.text();
  expect(reply.status, master).toBe(200);
  const name = master.split('\n').find((line) => line && !line.startsWith('#'));
  expect(name, master).toBeDefined();
  return `${url}/store/${key}/${name!.trim()}`;
}

describe('S3 store, seen from the player', () => {
  test('a rendition still rendering into the bucket plays through the player to its end', async () => {
    const r = recorder();
    // Room for every request of this test in the resource timeline (the page's module loads filled it).
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(10_000);
    const player = await openPlayer({
      story: `${url}/api/v1/stories/${story}`,
      generation: { baseUrl: url, token },
      muted: true,
      autoplay: true,
      on: r.on,
    });
    const video = player.element.querySelector('video')!;
    const mediaTimes = watchMediaTimes(video);
    const ended = next(player, 'ended', () => true, 90_000);

    // Same viewer, same segment: this POST joins the player's job and gives its key.
    const { key } = await joinJob(url, token, story, 'intro');
    let playlistUrl = '';
    // Watch the job until it is done. `runningUntil`: when the last request that still found it
    // running was sent; the commit (the marker) came after it, so whatever the player had read
    // by then came from the bucket's partial prefix.
    let growing: { cacheControl: string | null; text: string } | undefined;
    const runningUntil = await runningUntilDone(url, key, async (job) => {
      if (growing || !(job.readySeconds >= 2)) return;
      playlistUrl = await mediaPlaylistUrl(key);
      // What the API serves mid-render (?check only tells this read from the player's own).
      const reply = await fetch(`${playlistUrl}?check`);
      growing = { cacheControl: reply.headers.get('cache-control'), text: await reply.text() };
    });
    expect(growing, 'the render was seen mid-way').toBeDefined();
    expect(growing!.cacheControl).toBe('no-cache');
    expect(growing!.text).not.toContain('#EXT-X-ENDLIST');
    expect(growing!.text).toContain('#EXTINF');

    await ended;
    // The stream itself ended (the engine's timeline got its end although it started while
    // the segment was still rendering), not only the story.
    await expect.poll(() => video.ended, { timeout: 5_000 }).toBe(true);
    expect(r.log.filter((e) => e.type === 'error')).toEqual([]);
    const segments = plain(r.log)
      .filter((e) => e.type === 'segmentstart')
      .map((e) => (e as { segmentId: string }).segmentId);
    expect(segments).toEqual(['intro']);
    // Played to the end, through the part rendered after playback began.
    const shown = Math.max(...mediaTimes) - Math.min(...mediaTimes);
    expect(shown, `media times shown: ${mediaTimes.length} frames`).toBeGreaterThan(seconds - 1);
    // The player read the playlist while it grew, more than once, before the render was committed.
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const playlistReads = resources.filter((e) => e.name === playlistUrl);
    const readsWhileGrowing = playlistReads.filter((e) => e.responseEnd < runningUntil);
    expect(readsWhileGrowing.length, `${playlistReads.length} reads in all`).toBeGreaterThan(1);
    // Committed: the finished rendition, with its end, served as immutable.
    const done = await fetch(playlistUrl);
    expect(await done.text()).toContain('#EXT-X-ENDLIST');
    expect(done.headers.get('cache-control')).toContain('immutable');
    console.log(
      `[s3 growing] playlist read ${readsWhileGrowing.length}× while growing, ${playlistReads.length}× in all; ${mediaTimes.length} frames shown`,
    );
  }, 100_000);
});
