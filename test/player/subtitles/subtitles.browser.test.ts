// Subtitles from the story's own HLS masters (EXT-X-MEDIA TYPE=SUBTITLES, WebVTT written by
// ffmpeg: test/media/subs-a and subs-b), played through a real player in chromium. What shows
// is read from the caption text the overlay sets (its DOM twin of the canvas line) and timed by
// the video element's own currentTime, sampled every animation frame; segment b starts at media
// time 3, the sum of segment a's EXTINF durations.
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createPlayer } from '../../../src/player/createPlayer.js';
import type { Player } from '../../../src/player/setup/Player.js';
import type { PlayerEvents } from '../../../src/player/PlayerEvents.js';
import type { StorySnapshot } from '../../../src/core/machine/StorySnapshot.js';
import type { SnapshotStorage } from '../../../src/player/persist/SnapshotStorage.js';
import { next, stage } from '../player/helpers.js';

const A_SECONDS = 3;
/** Samples this close to a cue's edge are not judged: the overlay redraws on its own frame. */
const EDGE_S = 0.15;

let player: Player | null = null;
let container: HTMLDivElement | null = null;
afterEach(() => {
  player?.destroy();
  player = null;
  container?.remove();
  container = null;
});

function story(bMedia = 'media/subs-b/index.m3u8') {
  return {
    offshoot: 1,
    id: 'subtitles',
    title: 'Subtitles',
    start: 'a',
    state: {},
    segments: {
      a: {
        media: 'media/subs-a/index.m3u8',
        duration: 3,
        next: 'b',
        captions: [{ from: 0.3, to: 1, text: 'Story caption' }],
      },
      b: { media: bMedia, duration: 3, end: true },
    },
  };
}

interface Sample {
  t: number;
  text: string;
}

async function open(options: Partial<Parameters<typeof createPlayer>[1]> = {}) {
  container = stage();
  const switches: Array<PlayerEvents['subtitletrackswitch']> = [];
  const lists: Array<PlayerEvents['subtitletrackschange']> = [];
  const started = new Map<string, number>();
  player = await createPlayer(container, {
    story: story(),
    baseUrl: '/test/',
    autoplay: true,
    muted: true,
    on: {
      subtitletrackswitch: (e) => switches.push(e),
      subtitletrackschange: (e) => lists.push(e),
      segmentstart: (e) => started.set(e.segmentId, performance.now()),
    },
    ...options,
  });
  const video = container.querySelector('video')!;
  const captionText = container.querySelector('.osp-captions-text')!;
  const samples: Sample[] = [];
  let sampling = true;
  const sample = () => {
    samples.push({ t: video.currentTime, text: captionText.textContent ?? '' });
    if (sampling) requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
  const stop = () => (sampling = false);
  return { player, video, captionText, samples, switches, lists, started, stop };
}

/** Samples whose media time is inside [from, to] shrunk by EDGE_S at both ends. */
const inside = (samples: Sample[], from: number, to: number) =>
  samples.filter((s) => s.t > from + EDGE_S && s.t < to - EDGE_S);

/** Resolves once the segment on screen's subtitle tracks are known. */
function tracksKnown(p: Player): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (p.subtitleTracks.length > 0 ? resolve() : requestAnimationFrame(check));
    check();
  });
}

function until(video: HTMLVideoElement, t: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`video never reached ${t} s (at ${video.currentTime})`)), 20_000);
    const check = () => {
      if (video.currentTime >= t || video.ended) {
        clearTimeout(timer);
        resolve();
      } else requestAnimationFrame(check);
    };
    check();
  });
}

describe('HLS WebVTT subtitles in the caption layer', () => {
  it('shows the default-language track at the right media times across a splice, with the story caption above, markup as text', async () => {
    performance.clearResourceTimings(); // room in the buffer (the test page's modules fill it)
    const { player, video, captionText, samples, lists, switches, started, stop } = await open({
      subtitleLanguage: 'en',
    });
    await next(player, 'ended');
    stop();
    expect(lists[0]!.tracks).toEqual([
      { id: 0, name: 'English', lang: 'en', default: true, forced: false },
      { id: 1, name: 'Français', lang: 'fr', default: false, forced: false },
    ]);
    expect(switches[0]).toEqual({ id: 0 });
    expect(player.subtitleTrack).toBe(0);
    // Each cue at its segment's time (source cue times; ffmpeg's VTT is on its output
    // timeline, 2 B-frames later, which the player takes out with the video's first timestamp).
    const windows: Array<[number, number, string]> = [
      [0.3, 1.0, 'Story caption\nEN A1'],
      [1.0, 1.4, 'EN A1'],
      [1.6, 2.6, 'EN A2 <b>not bold</b>'],
      [A_SECONDS + 0.5, A_SECONDS + 1.5, 'EN B1'],
      [A_SECONDS + 1.8, A_SECONDS + 2.8, 'EN B2'],
    ];
    for (const [from, to, text] of windows) {
      const seen = inside(samples, from, to);
      expect(seen.length, `samples inside ${from}–${to}`).toBeGreaterThan(0);
      expect(new Set(seen.map((s) => s.text)), `${from}–${to}`).toEqual(new Set([text]));
    }
    // Nothing between cues (a cue of segment b shown at segment a's time would be here).
    expect(new Set(inside(samples, 2.6, A_SECONDS + 0.5).map((s) => s.text))).toEqual(new Set(['']));
    expect(inside(samples, A_SECONDS + 1.5, A_SECONDS + 1.8).every((s) => s.text === '')).toBe(true);
    // How late each cue was first seen, against the video's own clock (logged: frame-paced).
    const lags = windows.map(([from, , text]) => {
      const i = samples.findIndex((s) => s.text.endsWith(text.split('\n').at(-1)!));
      return `${text.split('\n').at(-1)} ${((samples[i]!.t - from) * 1000).toFixed(0)} ms (frame before at ${samples[i - 1]!.t.toFixed(3)})`;
    });
    console.log(`[subtitles] first seen after its cue time: ${lags.join('; ')}`);
    // Segment b's first subtitle fragment was read ahead (b was queued), before b started.
    const vtt = performance
      .getEntriesByType('resource')
      .find((e) => e.name.endsWith('/subs-b/subs/en_media0.vtt')) as PerformanceResourceTiming;
    expect(vtt.responseEnd).toBeLessThan(started.get('b')!);
    // Markup is text: no element was made from the cue.
    expect(captionText.children.length).toBe(0);
    expect(video.ended).toBe(true);
  });

  it('switching the track changes the text (and is kept into the next segment); off hides it', async () => {
    const { player, video, samples, switches, stop } = await open({ subtitleLanguage: 'en' });
    await until(video, 0.2);
    await tracksKnown(player);
    player.subtitleTrack = 7; // not a track: ignored
    expect(player.subtitleTrack).toBe(0);
    player.subtitleTrack = 1;
    expect(player.subtitleTrack).toBe(1);
    await until(video, A_SECONDS + 1.7);
    player.subtitleTrack = -1;
    await next(player, 'ended');
    stop();
    expect(switches).toEqual([{ id: 0 }, { id: 1 }, { id: -1 }]);
    expect(new Set(inside(samples, 0.5, 1.4).map((s) => s.text))).toContain('FR A1');
    expect(new Set(inside(samples, A_SECONDS + 0.5, A_SECONDS + 1.5).map((s) => s.text))).toEqual(new Set(['FR B1']));
    expect(new Set(inside(samples, A_SECONDS + 1.8, A_SECONDS + 2.8).map((s) => s.text))).toEqual(new Set(['']));
  });

  it('the tracks menu works by keyboard: arrows, Enter picks, Escape closes, focus returns', async () => {
    const { player, video, samples, stop } = await open({ subtitleLanguage: 'fr' });
    await until(video, 0.1);
    expect(player.subtitleTrack).toBe(1);
    const button = container!.querySelector<HTMLButtonElement>('[data-control=tracks]')!;
    const menu = container!.querySelector<HTMLElement>('[role=menu]')!;
    expect(button.hidden).toBe(false);
    button.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(menu.hidden).toBe(false);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const items = [...menu.querySelectorAll<HTMLElement>('[role=menuitemradio]')];
    expect(items.map((i) => [i.textContent, i.getAttribute('aria-checked')])).toEqual([
      ['Off', 'false'],
      ['English', 'false'],
      ['Français', 'true'],
    ]);
    expect(document.activeElement).toBe(items[2]);
    await userEvent.keyboard('{Escape}');
    expect(menu.hidden).toBe(true);
    expect(document.activeElement).toBe(button);
    await userEvent.keyboard('{Enter}');
    expect(menu.hidden).toBe(false);
    await userEvent.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(items[1]);
    await userEvent.keyboard('{Enter}');
    expect(menu.hidden).toBe(true);
    expect(document.activeElement).toBe(button);
    expect(player.subtitleTrack).toBe(0);
    const checked = menu.querySelector('[aria-checked=true]');
    expect(checked?.textContent).toBe('English');
    await until(video, 2.4);
    stop();
    expect(samples.at(-1)!.text).toBe('EN A2 <b>not bold</b>');
  });

  it('a segment without subtitle renditions hides the control and lists no tracks', async () => {
    container = stage();
    player = await createPlayer(container, {
      story: { ...story(), start: 'b', segments: { b: { media: 'media/intro/index.m3u8', duration: 4, end: true } } },
      baseUrl: '/test/',
      autoplay: true,
      muted: true,
    });
    await until(container.querySelector('video')!, 0.5);
    expect(player.subtitleTracks).toEqual([]);
    expect(player.subtitleTrack).toBe(-1);
    expect(container.querySelector<HTMLButtonElement>('[data-control=tracks]')!.hidden).toBe(true);
  });

  it("the viewer's subtitle choice is saved with their place and taken back on resume", async () => {
    const saved = new Map<string, StorySnapshot>();
    const storage: SnapshotStorage = {
      load: (id) => saved.get(id),
      save: (id, snapshot) => void saved.set(id, snapshot),
    };
    const first = await open({ subtitleLanguage: 'en', persist: storage });
    await until(first.video, 0.2);
    await tracksKnown(first.player);
    first.player.subtitleTrack = 1;
    expect(saved.get('subtitles')?.preferences).toEqual({ subtitles: { mode: 'on', lang: 'fr', name: 'Français' } });
    expect(first.player.snapshot().preferences?.subtitles?.lang).toBe('fr');
    first.stop();
    player!.destroy();
    container!.remove();

    const again = await open({ subtitleLanguage: 'en', persist: storage });
    const switched = await next(again.player, 'subtitletrackswitch');
    expect(switched).toEqual({ id: 1 });
    expect(again.player.subtitleTracks[again.player.subtitleTrack]?.lang).toBe('fr');
    again.stop();
  });

  it('a subtitle playlist that is not there: a non-fatal subtitles-failed naming it, and the video plays on', async () => {
    container = stage();
    const errors: Array<PlayerEvents['error']> = [];
    player = await createPlayer(container, {
      story: {
        ...story(),
        segments: { ...story().segments, a: { ...story().segments.a, media: 'media/subs-a/missing-subs.m3u8' } },
      },
      baseUrl: '/test/',
      autoplay: true,
      muted: true,
      subtitleLanguage: 'en',
      on: { error: (e) => errors.push(e) },
    });
    await next(player, 'ended');
    expect(errors[0]).toEqual({
      code: 'subtitles-failed',
      fatal: false,
      segmentId: 'a',
      cause: 'playlist-load-failed',
      message: expect.stringContaining('/test/media/subs-a/subs/none.m3u8'),
    });
    expect(errors).toHaveLength(1);
    expect(player.getStats().failedSegments).toEqual([]);
  });
});
