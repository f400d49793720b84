// Alternate audio (issue 11, ADR 0012): a video-only variant whose sound is an EXT-X-MEDIA
// TYPE=AUDIO rendition plays with that sound, muxed into the video fragments at box level, and
// splices with muxed media on one timeline. Measured from the media element: presented frames
// (rVFC), `waiting`, the SourceBuffers' ranges, decoded audio (a Web Audio analyser hearing the
// beeps scripts/makeAltAudioMedia.ts put at 0.5, 1.5 and 2.5 s of every clip).
import { afterEach, describe, expect, it } from 'vitest';
import type { PlaybackEvents } from '../../../src/player/playback/PlaybackEngine.js';
import { clip, createTestVideo, FRAME_MS, findSkips, unexplainedSkips } from '../../support/playbackHarness.js';
import { expectBeeps, median } from '../../support/expectBeeps.js';
import { playHeard } from '../../support/playHeard.js';
import { cleanUp, useEngine } from '../../support/seamlessChain.js';
import { seekBackIntoEvicted } from '../../support/seekBackIntoEvicted.js';

afterEach(cleanUp);

const BEEPS = [0.5, 1.5, 2.5];

describe('a variant with a separate audio rendition plays with its sound, spliced with muxed media', () => {
  it('muxed → alternate audio → muxed: no error, no waiting, frames continuous, its beeps heard in sync like the muxed clips', async () => {
    const chain = [clip('beep-muxed', 3, 'm1'), clip('beep-alt', 3, 'alt'), clip('beep-muxed', 3, 'm2')];
    const r = await playHeard(chain);
    const dropped = r.video.getVideoPlaybackQuality().droppedVideoFrames;
    const seams = [3, 6].map((t) => {
      const i = r.frames.findIndex((f) => f.mediaTime >= t - FRAME_MS / 2000);
      return { before: r.frames[i - 1]?.mediaTime, after: r.frames[i]?.mediaTime };
    });
    console.log(
      `[alt audio] chain m1 → alt → m2: seams ${JSON.stringify(seams)}, waiting ${r.waiting.length}, dropped ${dropped}, ` +
        `skips ${JSON.stringify(findSkips(r.frames))}, beeps ${JSON.stringify(r.beeps.map((b) => ({ at: +b.at.toFixed(4), hz: Math.round(b.hz), polls: b.polls })))}, ` +
        `errors ${JSON.stringify(r.errors)}, audio ${JSON.stringify(r.audioEvents)}, heard: ${r.heard}`,
    );
    expect(r.errors).toEqual([]);
    expect(r.starts).toEqual(['m1', 'alt', 'm2']);
    expect(r.waiting, 'waiting after the first frame').toEqual([]);
    // Every presented frame's media time advanced by exactly the frames presented (drops for
    // lateness aside): no picture lost at either seam.
    expect(unexplainedSkips(r.frames, dropped)).toEqual([]);
    expect(r.video.currentTime).toBeGreaterThan(9 - FRAME_MS / 1000);
    // Sound all along, English (1 kHz: the DEFAULT, AUTOSELECT rendition). The same measuring
    // path for every beep, so the muxed clips' onset errors are the baseline for the alternate one's.
    const muxed = [
      ...expectBeeps(r, BEEPS, 1000, 1),
      ...expectBeeps(
        r,
        BEEPS.map((t) => t + 6),
        1000,
        1,
      ),
    ];
    const alt = expectBeeps(
      r,
      BEEPS.map((t) => t + 3),
      1000,
      2,
    );
    const baseline = median(muxed.map((b) => b.errorMs));
    console.log(
      `[alt audio] onset − nominal, ms: muxed ${muxed.map((b) => b.errorMs.toFixed(1)).join(', ')}; ` +
        `alternate ${alt.map((b) => b.errorMs.toFixed(1)).join(', ')}`,
    );
    for (const b of alt)
      expect(Math.abs(b.errorMs - baseline), `beep at ${b.at} s vs muxed, ms`).toBeLessThan(FRAME_MS);
    expect(r.audioEvents).toEqual([
      expect.objectContaining({ type: 'audiotrackschange', segmentId: 'alt', audioTrack: 0 }),
      expect.objectContaining({ type: 'audiotrackschange', segmentId: 'm2', tracks: [], audioTrack: -1 }),
    ]);
  });

  it("the viewer's language picks the rendition (audioLanguage 'fr' → Français, 2 kHz beeps)", async () => {
    const r = await playHeard([clip('beep-alt', 3)], { audioLanguage: 'fr' });
    expect(r.errors).toEqual([]);
    expect(r.audioEvents).toEqual([
      {
        type: 'audiotrackschange',
        segmentId: 'beep-alt',
        audioTrack: 1,
        tracks: [
          { id: 0, name: 'English', lang: 'en', default: true, autoselect: true },
          { id: 1, name: 'Français', lang: 'fr', default: false, autoselect: true },
        ],
      },
    ]);
    expectBeeps(r, BEEPS, 2000, 2);
  });

  it('setAudioTrack switches mid-segment: a restart at the same place, the new language heard after it, later segments keep it', async () => {
    const chain = [clip('beep-alt', 3, 'a1'), clip('beep-alt', 3, 'a2')];
    let switchedAt = Number.NaN;
    let timeBefore = Number.NaN;
    let timeAfter = Number.NaN;
    const r = await playHeard(chain, {}, (eng) => {
      const video = document.querySelector('video')!;
      // After the first beep (0.5 s), before the second (1.5 s).
      const onTime = () => {
        if (video.currentTime < 0.8 || !Number.isNaN(switchedAt)) return;
        switchedAt = video.currentTime;
        timeBefore = eng.segmentTime();
        void eng.setAudioTrack(1).then(() => (timeAfter = eng.segmentTime()));
      };
      video.addEventListener('timeupdate', onTime);
    });
    // The rebuffer the viewer sees: the longest wall-clock gap between two presented frames.
    const frozenMs = Math.max(...r.frames.slice(1).map((f, i) => f.at - r.frames[i]!.at));
    console.log(
      `[alt audio] switch at ${switchedAt.toFixed(3)} s (picture frozen at most ${frozenMs.toFixed(0)} ms): segmentTime ${timeBefore.toFixed(3)} → ${timeAfter.toFixed(3)}, ` +
        `waiting ${r.waiting.length}, beeps ${JSON.stringify(r.beeps.map((b) => ({ at: +b.at.toFixed(3), hz: Math.round(b.hz) })))}, ` +
        `audio ${JSON.stringify(r.audioEvents)}, errors ${JSON.stringify(r.errors)}`,
    );
    expect(switchedAt).toBeLessThan(1.4);
    expect(r.errors).toEqual([]);
    expect(r.starts.filter((s, i, all) => all.indexOf(s) === i)).toEqual(['a1', 'a2']);
    expect(r.audioEvents).toContainEqual(
      expect.objectContaining({
        type: 'audiotrackswitch',
        segmentId: 'a1',
        audioTrack: 1,
        track: expect.objectContaining({ lang: 'fr' }),
      }),
    );
    // The segment's clock goes on from where it was (the story's choice timing runs on it).
    expect(timeAfter).toBeGreaterThanOrEqual(timeBefore - 0.05);
    expect(timeAfter).toBeLessThan(timeBefore + 0.5);
    // Ends where two 3 s segments end: the restart neither repeated nor lost media.
    expect(r.video.currentTime).toBeGreaterThan(6 - FRAME_MS / 1000);
    expect(r.video.currentTime).toBeLessThan(6.05);
    // English (1 kHz) before the switch; French (2 kHz) after it, in the next segment too.
    expectBeeps(r, [0.5], 1000, 0);
    expectBeeps(r, [1.5, 2.5, 3.5, 4.5, 5.5], 2000, 3);
  });
});

describe('what cannot be muxed gets a coded error naming the URL, never silence', () => {
  it('an MPEG-TS audio rendition beside fMP4 video (MPEG-TS video plays it: altAudioTs): media-incompatible with what to change', async () => {
    const engine = useEngine(createTestVideo());
    const errors: Array<PlaybackEvents['error']> = [];
    engine.on('error', (e) => errors.push(e));
    const source = { segmentId: 'ts-audio', url: '/test/media/beep-alt/ts-audio.m3u8', durationSeconds: 3 };
    await expect(engine.load(source)).rejects.toThrow(/ts-audio/);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'media-incompatible', segmentId: 'ts-audio', fatal: true }),
    ]);
    expect(errors[0]!.message).toMatch(
      /bframes-ts\/media\.m3u8: the audio rendition "English" is packed audio or MPEG-TS/,
    );
    expect(errors[0]!.message).toMatch(
      /but its video .* is fMP4, which cannot be muxed together: package both as fMP4/,
    );
  });
});

describe('bytes fetched again are muxed again', () => {
  it('a seek back into media the back buffer dropped plays its picture with its sound', async () => {
    // a3's first fragment, with its beep at 6.5 s: hls.js loads it again.
    const { evicted, again, beeps, errors } = await seekBackIntoEvicted('beep-alt', 6.2, 'alt audio');
    expect(errors).toEqual([]);
    expect(evicted, 'the back buffer dropped the start').toBe(true);
    // The video fragment and its audio were fetched again, and the beep at 0.5 s heard again.
    expect(again.some((u) => u.includes('/video/seg_000'))).toBe(true);
    expect(again.some((u) => u.includes('/en/seg_000'))).toBe(true);
    expect(beeps.filter((b) => Math.abs(b.at - 6.523) < 0.05 && Math.abs(b.hz - 1000) < 150)).toHaveLength(1);
  });
});
