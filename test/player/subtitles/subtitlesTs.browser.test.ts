// Subtitles of MPEG-TS media from ffmpeg's own HLS muxer (test/media/subs-ts: WebVTT without
// X-TIMESTAMP-MAP, its TS muxer's 1.4 s delay added to the video only) and of the same media
// with AES-128 video fragments (subs-ts-aes), played through a real player in chromium. Each
// presented frame is taken from requestVideoFrameCallback with the caption text on screen then;
// a frame's source time is its media time less the first presented frame's (the clip starts at
// source time 0). Cues were authored at 0.4–1.4 s and 1.6–2.6 s of the source.
import { afterEach, describe, expect, it } from 'vitest';
import { createPlayer } from '../../../src/player/createPlayer.js';
import type { Player } from '../../../src/player/setup/Player.js';
import type { PlayerEvents } from '../../../src/player/PlayerEvents.js';
import { next, stage } from '../player/helpers.js';

const CUES: Array<[number, number, string]> = [
  [0.4, 1.4, 'EN T1'],
  [1.6, 2.6, 'EN T2'],
];
/**
 * The overlay draws on its own animation frame from the video's clock: the text seen with a
 * frame may be a frame or two behind it, more when the page is busy. Early is never excused:
 * the fault this guards against put every cue 1.4 s early.
 */
const EARLY_S = 0.05;
const LATE_S = 0.5;

let player: Player | null = null;
let container: HTMLDivElement | null = null;
afterEach(() => {
  player?.destroy();
  player = null;
  container?.remove();
  container = null;
});

interface Frame {
  mediaTime: number;
  text: string;
}

async function play(media: string) {
  container = stage();
  const errors: Array<PlayerEvents['error']> = [];
  const story = {
    offshoot: 1,
    id: 'subtitles-ts',
    title: 'Subtitles on MPEG-TS',
    start: 'a',
    state: {},
    segments: { a: { media, duration: 3, end: true } },
  };
  player = await createPlayer(container, {
    story,
    baseUrl: '/test/',
    autoplay: true,
    muted: true,
    subtitleLanguage: 'en',
    on: { error: (e) => errors.push(e) },
  });
  const video = container.querySelector('video')!;
  const captionText = container.querySelector('.osp-captions-text')!;
  const frames: Frame[] = [];
  const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
    frames.push({ mediaTime: meta.mediaTime, text: captionText.textContent ?? '' });
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  await next(player, 'ended');
  return { frames, errors };
}

/** Each cue's first and last frame on screen, in source seconds. */
function shown(frames: Frame[]) {
  const origin = Math.min(...frames.map((f) => f.mediaTime));
  return CUES.map(([from, to, text]) => {
    const on = frames.filter((f) => f.text === text).map((f) => f.mediaTime - origin);
    return { from, to, text, first: on.length ? Math.min(...on) : NaN, last: on.length ? Math.max(...on) : NaN };
  });
}

function expectOnTime(frames: Frame[], what: string) {
  const cues = shown(frames);
  console.log(
    `[subtitles-ts] ${what}: ${cues.map((c) => `${c.text} first ${c.first.toFixed(3)} (cue ${c.from}), last ${c.last.toFixed(3)} (cue ${c.to})`).join('; ')}`,
  );
  for (const cue of cues) {
    expect(cue.first, `${cue.text} first shown (source s)`).toBeGreaterThanOrEqual(cue.from - EARLY_S);
    expect(cue.first, `${cue.text} first shown (source s)`).toBeLessThanOrEqual(cue.from + LATE_S);
    expect(cue.last, `${cue.text} last shown (source s)`).toBeGreaterThanOrEqual(cue.to - LATE_S);
    expect(cue.last, `${cue.text} last shown (source s)`).toBeLessThanOrEqual(cue.to + LATE_S);
  }
}

describe('WebVTT on MPEG-TS made by ffmpeg (no X-TIMESTAMP-MAP)', () => {
  it('cues show with the frames their source timed them to, not 1.4 s early', async () => {
    const { frames, errors } = await play('media/subs-ts/index.m3u8');
    expect(errors).toEqual([]);
    expectOnTime(frames, 'clear');
  });

  it('with AES-128 video fragments: the first timestamp is read after decryption, cues on time', async () => {
    const { frames, errors } = await play('media/subs-ts-aes/index.m3u8');
    expect(errors).toEqual([]);
    expectOnTime(frames, 'AES-128');
  });
});
