// Apple's classic layout (issue 11, ADR 0012): a video-only MPEG-TS variant whose sound is an
// EXT-X-MEDIA TYPE=AUDIO rendition in MPEG-TS or packed AAC (ID3 timestamp) plays with that
// sound, muxed into the video's TS fragments as packets, and splices with muxed MPEG-TS media on
// one timeline. Media from one ffmpeg run (scripts/makeTsAltAudio.ts). Measured from the media
// element: presented frames (rVFC), `waiting`, each SourceBuffer's own ranges, decoded audio (a
// Web Audio analyser hearing the beeps at 0.5, 1.5 and 2.5 s of every clip).
import { afterEach, describe, expect, it } from 'vitest';
import type { PlaybackEngine, PlaybackEvents, SegmentSource } from '../../../src/player/playback/PlaybackEngine.js';
import {
  clip,
  createTestVideo,
  FRAME_MS,
  nextEvent,
  recordEvents,
  recordFrames,
} from '../../support/playbackHarness.js';
import { listenForBeeps } from '../../support/beepListener.js';
import { cleanUp, expectSeamless, recordSourceBuffers, useEngine } from '../../support/seamlessChain.js';

const undo: Array<() => void> = [];
afterEach(() => {
  for (const f of undo.splice(0)) f();
  cleanUp();
});

/** x264's default B-frame reorder delay at 30 fps: a TS timeline is presented two frames late (ADR 0010). */
const TS_BFRAME_DELAY = 2 / 30;
const BEEPS = [0.5, 1.5, 2.5];
const LAYOUTS = [
  { label: 'MPEG-TS', clip: 'beep-ts-alt' },
  { label: 'packed AAC', clip: 'beep-ts-packed' },
] as const;

/** Plays `chain` to its end; what the element showed and heard. */
async function play(chain: SegmentSource[], during?: (e: PlaybackEngine, video: HTMLVideoElement) => void) {
  const buffers = recordSourceBuffers();
  const video = createTestVideo();
  const eng = useEngine(video);
  const log = recordEvents(eng);
  const audio: Array<{ type: string } & Record<string, unknown>> = [];
  eng.on('audiotrackschange', (e) => audio.push({ type: 'audiotrackschange', ...e }));
  eng.on('audiotrackswitch', (e) => audio.push({ type: 'audiotrackswitch', ...e }));
  const waiting: number[] = [];
  video.addEventListener('waiting', () => waiting.push(video.currentTime));
  const ear = listenForBeeps(video);
  undo.push(() => ear.stop());
  const frames = recordFrames(video);
  let queued = 1;
  eng.on('segmentstart', () => {
    if (queued < chain.length) eng.queueNext(chain[queued++]!);
    if (queued === chain.length) eng.end();
  });
  await eng.load(chain[0]!);
  await eng.play();
  during?.(eng, video);
  await nextEvent(eng, 'ended', () => true, 40_000).catch((error: unknown) => {
    throw new Error(`${String(error)}: at ${video.currentTime} s, events ${JSON.stringify(log)}`);
  });
  frames.stop();
  ear.stop();
  const firstFrameAt = frames.frames[0]?.mediaTime ?? 0;
  return {
    video,
    buffers,
    frames: frames.frames,
    errors: log.filter((e) => e.type === 'error').map((e) => e.payload as PlaybackEvents['error']),
    starts: log.filter((e) => e.type === 'segmentstart').map((e) => (e.payload as { segmentId: string }).segmentId),
    audio,
    waiting: waiting.filter((t) => t > firstFrameAt),
    beeps: ear.beeps(),
    observed: ear.observed,
  };
}

type Played = Awaited<ReturnType<typeof play>>;

/**
 * Each beep at `nominal` media times (plus the TS timeline's presentation delay) that some
 * poll observed is heard at the right pitch; its onset error in ms. Fails unless `least` were.
 */
function expectBeeps(r: Played, nominal: number[], hz: number, least: number): number[] {
  const errors: number[] = [];
  for (const t of nominal.map((n) => n + TS_BFRAME_DELAY)) {
    if (!r.observed(t + 0.05)) continue;
    const beep = r.beeps.find((b) => b.at > t - 0.05 && b.at < t + 0.1);
    expect(beep, `a beep heard at ${t.toFixed(3)} s`).toBeDefined();
    expect(Math.abs(beep!.hz - hz), `pitch of the beep at ${t.toFixed(3)} s (${beep!.hz} Hz)`).toBeLessThan(hz * 0.15);
    errors.push((beep!.at - t) * 1000);
  }
  expect(errors.length, `beeps observed of ${nominal.join(', ')}`).toBeGreaterThanOrEqual(least);
  return errors;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe.each(LAYOUTS)(
  "Apple's classic layout: video-only MPEG-TS with $label audio renditions",
  ({ label, clip: name }) => {
    it('alternate → muxed TS → alternate: one range per track, no waiting, no frame lost, beeps in sync with the muxed clip', async () => {
      const chain = [clip(name, 3, 'alt-1'), clip('beep-ts-muxed', 3, 'muxed'), clip(name, 3, 'alt-2')];
      const r = await play(chain);
      // Seams on the frame grid, 0 waiting, no skipped frame, audio and video each one range.
      expectSeamless(r, chain, `TS alternate audio (${label})`, 'contiguous', TS_BFRAME_DELAY);
      const tracks = r.buffers.map((b) => b.type.split(';')[0]);
      expect(tracks.sort()).toEqual(['audio/mp4', 'video/mp4']); // hls.js's transmuxed TS: audio present
      const muxed = expectBeeps(
        r,
        BEEPS.map((t) => t + 3),
        1000,
        1,
      );
      const alternate = expectBeeps(r, [...BEEPS, ...BEEPS.map((t) => t + 6)], 1000, 3);
      console.log(
        `[alt audio ts] ${label}: onset − nominal, ms: muxed ${muxed.map((e) => e.toFixed(1)).join(', ')}; ` +
          `alternate ${alternate.map((e) => e.toFixed(1)).join(', ')}; audio events ${JSON.stringify(r.audio)}`,
      );
      const baseline = median(muxed);
      for (const e of alternate) expect(Math.abs(e - baseline), 'alternate beep vs muxed, ms').toBeLessThan(FRAME_MS);
      expect(r.audio).toEqual([
        expect.objectContaining({ type: 'audiotrackschange', segmentId: 'alt-1', audioTrack: 0 }),
        expect.objectContaining({ type: 'audiotrackschange', segmentId: 'muxed', audioTrack: -1 }),
        expect.objectContaining({ type: 'audiotrackschange', segmentId: 'alt-2', audioTrack: 0 }),
      ]);
    });

    it('setAudioTrack switches to French mid-segment: 2 kHz beeps after it, the next segment keeps it', async () => {
      const chain = [clip(name, 3, 'a1'), clip(name, 3, 'a2')];
      let switchedAt = Number.NaN;
      const r = await play(chain, (eng, video) => {
        const onTime = () => {
          if (video.currentTime < 0.8 || !Number.isNaN(switchedAt)) return;
          switchedAt = video.currentTime;
          void eng.setAudioTrack(1);
        };
        video.addEventListener('timeupdate', onTime);
      });
      console.log(
        `[alt audio ts] ${label}: switch at ${switchedAt.toFixed(3)} s, waiting ${r.waiting.length}, beeps ` +
          `${JSON.stringify(r.beeps.map((b) => ({ at: +b.at.toFixed(3), hz: Math.round(b.hz) })))}, errors ${JSON.stringify(r.errors)}`,
      );
      expect(switchedAt).toBeLessThan(1.4);
      expect(r.errors).toEqual([]);
      expect(r.audio).toContainEqual(
        expect.objectContaining({
          type: 'audiotrackswitch',
          segmentId: 'a1',
          audioTrack: 1,
          track: expect.objectContaining({ lang: 'fr' }),
        }),
      );
      expect(r.video.currentTime).toBeGreaterThan(6 - FRAME_MS / 1000);
      expectBeeps(r, [1.5, 2.5, 3.5, 4.5, 5.5], 2000, 3);
    });
  },
);

describe("Apple's classic layout, AES-128 encrypted (video and audio renditions, one key)", () => {
  it('each audio fragment is decrypted with its own playlist key and muxed: spliced with muxed TS, beeps heard in sync', async () => {
    const chain = [clip('beep-ts-aes', 3, 'aes'), clip('beep-ts-muxed', 3, 'muxed')];
    const r = await play(chain);
    expectSeamless(r, chain, 'TS alternate audio (AES-128)', 'contiguous', TS_BFRAME_DELAY);
    const encrypted = expectBeeps(r, BEEPS, 1000, 2);
    const muxed = expectBeeps(
      r,
      BEEPS.map((t) => t + 3),
      1000,
      1,
    );
    console.log(
      `[alt audio ts] AES-128: onset − nominal, ms: encrypted ${encrypted.map((e) => e.toFixed(1)).join(', ')}; ` +
        `muxed ${muxed.map((e) => e.toFixed(1)).join(', ')}`,
    );
    for (const e of encrypted)
      expect(Math.abs(e - median(muxed)), 'encrypted beep vs muxed, ms').toBeLessThan(FRAME_MS);
  });
});

describe('MPEG-TS bytes fetched again are muxed again', () => {
  it('a seek back into media the back buffer dropped plays its picture with its sound', async () => {
    const video = createTestVideo();
    // Little look-ahead, no back buffer: the start is appended, played and evicted long before the end.
    const eng = useEngine(video, { backBufferSeconds: 0, lookaheadSeconds: 1.5 });
    const errors: Array<PlaybackEvents['error']> = [];
    eng.on('error', (e) => errors.push(e));
    const ear = listenForBeeps(video);
    undo.push(() => ear.stop());
    // Requests the fragment loader makes itself (the engine's cache handed each fragment over once).
    const fetched: string[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (/beep-ts-alt\/(video|en)\//.test(e.name)) fetched.push(e.name);
    });
    observer.observe({ type: 'resource' });
    undo.push(() => observer.disconnect());
    const chain = ['a1', 'a2', 'a3', 'a4'].map((id) => clip('beep-ts-alt', 3, id));
    let queued = 1;
    eng.on('segmentstart', () => {
      if (queued < chain.length) eng.queueNext(chain[queued++]!);
      if (queued === chain.length) eng.end();
    });
    await eng.load(chain[0]!);
    await eng.play();
    await new Promise<void>((resolve) => {
      const onTime = () => video.currentTime > 8.6 && (video.removeEventListener('timeupdate', onTime), resolve());
      video.addEventListener('timeupdate', onTime);
    });
    const evicted = video.buffered.length > 0 && video.buffered.start(0) > 6.5;
    const before = fetched.length;
    ear.clear();
    // a3's first fragment, with its beep at 6.5 s (+ the TS timeline's delay): hls.js loads it again.
    video.currentTime = 6.2 + TS_BFRAME_DELAY;
    await nextEvent(eng, 'ended', () => true, 30_000);
    ear.stop();
    const again = fetched.slice(before);
    console.log(
      `[alt audio ts] seek back: evicted ${evicted}, fetched again ${JSON.stringify(again.map((u) => u.split('/test/media/')[1]))}, ` +
        `beeps ${JSON.stringify(ear.beeps().map((b) => ({ at: +b.at.toFixed(3), hz: Math.round(b.hz) })))}, errors ${JSON.stringify(errors)}`,
    );
    expect(errors).toEqual([]);
    expect(evicted, 'the back buffer dropped the start').toBe(true);
    expect(again.some((u) => u.includes('/video/seg_000'))).toBe(true);
    expect(again.some((u) => u.includes('/en/seg_000'))).toBe(true);
    const beep = 6.5 + TS_BFRAME_DELAY;
    expect(ear.beeps().filter((b) => Math.abs(b.at - beep) < 0.05 && Math.abs(b.hz - 1000) < 150)).toHaveLength(1);
  });
});
