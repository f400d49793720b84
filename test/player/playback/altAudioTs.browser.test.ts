// Apple's classic layout (issue 11, ADR 0012): a video-only MPEG-TS variant whose sound is an
// EXT-X-MEDIA TYPE=AUDIO rendition in MPEG-TS or packed AAC (ID3 timestamp) plays with that
// sound, muxed into the video's TS fragments as packets, and splices with muxed MPEG-TS media on
// one timeline. Media from one ffmpeg run (scripts/makeTsAltAudio.ts). Measured from the media
// element: presented frames (rVFC), `waiting`, each SourceBuffer's own ranges, decoded audio (a
// Web Audio analyser hearing the beeps at 0.5, 1.5 and 2.5 s of every clip).
import { afterEach, describe, expect, it } from 'vitest';
import { clip, FRAME_MS } from '../../support/playbackHarness.js';
import { expectBeeps, median } from '../../support/expectBeeps.js';
import { playHeard } from '../../support/playHeard.js';
import { cleanUp, expectSeamless } from '../../support/seamlessChain.js';
import { seekBackIntoEvicted } from '../../support/seekBackIntoEvicted.js';

afterEach(cleanUp);

/** x264's default B-frame reorder delay at 30 fps: a TS timeline is presented two frames late (ADR 0010). */
const TS_BFRAME_DELAY = 2 / 30;
const BEEPS = [0.5, 1.5, 2.5];
const LAYOUTS = [
  { label: 'MPEG-TS', clip: 'beep-ts-alt' },
  { label: 'packed AAC', clip: 'beep-ts-packed' },
] as const;

/** The onset errors (ms) of the beeps at `nominal` media times on the TS timeline (see expectBeeps). */
const tsBeeps = (r: Awaited<ReturnType<typeof playHeard>>, nominal: number[], hz: number, least: number): number[] =>
  expectBeeps(r, nominal, hz, least, TS_BFRAME_DELAY).map((b) => b.errorMs);

describe.each(LAYOUTS)(
  "Apple's classic layout: video-only MPEG-TS with $label audio renditions",
  ({ label, clip: name }) => {
    it('alternate → muxed TS → alternate: one range per track, no waiting, no frame lost, beeps in sync with the muxed clip', async () => {
      const chain = [clip(name, 3, 'alt-1'), clip('beep-ts-muxed', 3, 'muxed'), clip(name, 3, 'alt-2')];
      const r = await playHeard(chain);
      // Seams on the frame grid, 0 waiting, no skipped frame, audio and video each one range.
      expectSeamless(r, chain, `TS alternate audio (${label})`, 'contiguous', TS_BFRAME_DELAY);
      const tracks = r.buffers.map((b) => b.type.split(';')[0]);
      expect(tracks.sort()).toEqual(['audio/mp4', 'video/mp4']); // hls.js's transmuxed TS: audio present
      const muxed = tsBeeps(
        r,
        BEEPS.map((t) => t + 3),
        1000,
        1,
      );
      const alternate = tsBeeps(r, [...BEEPS, ...BEEPS.map((t) => t + 6)], 1000, 3);
      console.log(
        `[alt audio ts] ${label}: onset − nominal, ms: muxed ${muxed.map((e) => e.toFixed(1)).join(', ')}; ` +
          `alternate ${alternate.map((e) => e.toFixed(1)).join(', ')}; audio events ${JSON.stringify(r.audioEvents)}`,
      );
      const baseline = median(muxed);
      for (const e of alternate) expect(Math.abs(e - baseline), 'alternate beep vs muxed, ms').toBeLessThan(FRAME_MS);
      expect(r.audioEvents).toEqual([
        expect.objectContaining({ type: 'audiotrackschange', segmentId: 'alt-1', audioTrack: 0 }),
        expect.objectContaining({ type: 'audiotrackschange', segmentId: 'muxed', audioTrack: -1 }),
        expect.objectContaining({ type: 'audiotrackschange', segmentId: 'alt-2', audioTrack: 0 }),
      ]);
    });

    it('setAudioTrack switches to French mid-segment: 2 kHz beeps after it, the next segment keeps it', async () => {
      const chain = [clip(name, 3, 'a1'), clip(name, 3, 'a2')];
      let switchedAt = Number.NaN;
      const r = await playHeard(chain, {}, (eng, video) => {
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
      expect(r.audioEvents).toContainEqual(
        expect.objectContaining({
          type: 'audiotrackswitch',
          segmentId: 'a1',
          audioTrack: 1,
          track: expect.objectContaining({ lang: 'fr' }),
        }),
      );
      expect(r.video.currentTime).toBeGreaterThan(6 - FRAME_MS / 1000);
      tsBeeps(r, [1.5, 2.5, 3.5, 4.5, 5.5], 2000, 3);
    });
  },
);

describe("Apple's classic layout, AES-128 encrypted (video and audio renditions, one key)", () => {
  it('each audio fragment is decrypted with its own playlist key and muxed: spliced with muxed TS, beeps heard in sync', async () => {
    const chain = [clip('beep-ts-aes', 3, 'aes'), clip('beep-ts-muxed', 3, 'muxed')];
    const r = await playHeard(chain);
    expectSeamless(r, chain, 'TS alternate audio (AES-128)', 'contiguous', TS_BFRAME_DELAY);
    const encrypted = tsBeeps(r, BEEPS, 1000, 2);
    const muxed = tsBeeps(
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
    // a3's first fragment, with its beep at 6.5 s (+ the TS timeline's delay): hls.js loads it again.
    const { evicted, again, beeps, errors } = await seekBackIntoEvicted(
      'beep-ts-alt',
      6.2 + TS_BFRAME_DELAY,
      'alt audio ts',
    );
    expect(errors).toEqual([]);
    expect(evicted, 'the back buffer dropped the start').toBe(true);
    expect(again.some((u) => u.includes('/video/seg_000'))).toBe(true);
    expect(again.some((u) => u.includes('/en/seg_000'))).toBe(true);
    const beep = 6.5 + TS_BFRAME_DELAY;
    expect(beeps.filter((b) => Math.abs(b.at - beep) < 0.05 && Math.abs(b.hz - 1000) < 150)).toHaveLength(1);
  });
});
