// A rendition still being rendered into the S3 store, played through the real player in
// chromium: the backend runs with an S3 store on a real s3rver (test/server/support/
// s3BackendSetup.ts), the story's only segment is generated, and the player starts it once its
// head is out, fetching the growing playlist again and again through the API from the
// bucket's partial prefix until the render is committed, and plays it to its end.
import { afterEach, describe, expect, inject, test } from 'vitest';
import type { GenerationJob } from '../../src/core/index.js';
import { createPlayer } from '../../src/player/createPlayer.js';
import type { Player } from '../../src/player/setup/Player.js';
import { next, plain, recorder, stage } from '../player/player/helpers.js';

const { url, token, story, seconds } = inject('s3Backend');

let player: Player | null = null;
let container: HTMLDivElement | null = null;
afterEach(() => {
  player?.destroy();
  container?.remove();
  player = container = null;
});

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
  const master = await (await fetch(`${url}/store/${key}/index.m3u8`)).text();
  const name = master.split('\n').find((line) => line && !line.startsWith('#'));
  expect(name, master).toBeDefined();
  return `${url}/store/${key}/${name!.trim()}`;
}

describe('S3 store, seen from the player', () => {
  test('a rendition still rendering into the bucket plays through the player to its end', async () => {
    container = stage();
    const r = recorder();
    // Room for every request of this test in the resource timeline (the page's module loads filled it).
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(10_000);
    player = await createPlayer(container, {
      story: `${url}/api/v1/stories/${story}`,
      generation: { baseUrl: url, token },
      muted: true,
      autoplay: true,
      on: r.on,
    });
    const video = player.element.querySelector('video')!;
    const mediaTimes = watchMediaTimes(video);
    const ended = next(player, 'ended', () => true, 90_000);
    await new Promise((resolve) => video.requestVideoFrameCallback(resolve));

    // The first frame is on screen: the render is still going, and what the API serves is the
    // bucket's partial rendition (no end, not cacheable). Same viewer, same segment: this POST
    // joins the player's job and returns its state.
    const asked = await fetch(`${url}/api/v1/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ storyId: story, segmentId: 'intro', history: [] }),
    });
    const job = (await asked.json()) as GenerationJob;
    expect(job.status, JSON.stringify(job)).toBe('running');
    expect(job.readySeconds).toBeLessThan(seconds);
    const playlistUrl = await mediaPlaylistUrl(job.key);
    const growing = await fetch(playlistUrl);
    expect(growing.status).toBe(200);
    expect(growing.headers.get('cache-control')).toBe('no-cache');
    const growingText = await growing.text();
    expect(growingText).not.toContain('#EXT-X-ENDLIST');
    expect(growingText).toContain('#EXTINF');

    await ended;
    expect(r.log.filter((e) => e.type === 'error')).toEqual([]);
    const segments = plain(r.log)
      .filter((e) => e.type === 'segmentstart')
      .map((e) => (e as { segmentId: string }).segmentId);
    expect(segments).toEqual(['intro']);
    // Played to the end, through the part rendered after playback began.
    const shown = Math.max(...mediaTimes) - Math.min(...mediaTimes);
    expect(shown, `media times shown: ${mediaTimes.length} frames`).toBeGreaterThan(seconds - 1);
    // The player read the growing playlist more than once (each time from the bucket via the API).
    const playlistReads = performance.getEntriesByType('resource').filter((e) => e.name === playlistUrl);
    expect(playlistReads.length).toBeGreaterThan(1);
    // Committed: the finished rendition, with its end, served as immutable.
    const done = await fetch(playlistUrl);
    expect(await done.text()).toContain('#EXT-X-ENDLIST');
    expect(done.headers.get('cache-control')).toContain('immutable');
    console.log(
      `[s3 growing] first frame at ${job.readySeconds} of ${seconds} s rendered; playlist read ${playlistReads.length}×; ${mediaTimes.length} frames shown`,
    );
  }, 100_000);
});
