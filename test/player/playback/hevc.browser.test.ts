// HEVC in the browser the tests run in (Debian's chromium, which has no HEVC decoder:
// MediaSource.isTypeSupported says no). What is measured here is what such a browser does
// with catalog media that carries HEVC: an HEVC + H.264 master plays its H.264 ladder, an
// HEVC-only segment is refused with a coded error before the viewer reaches it, and the
// story goes on. The HEVC playback path itself (Safari, Chrome with a hardware decoder) is
// not measured here (ADR 0016). Media: libx265 at its defaults packaged by ffmpeg (npm run media).
import { afterEach, describe, expect, it } from 'vitest';
import type { PlaybackEvents, SegmentSource } from '../../../src/player/playback/PlaybackEngine.js';
import { clip, createTestVideo, nextEvent, recordEvents } from '../../support/playbackHarness.js';
import { cleanUp, expectSeamless, playChain, useEngine } from '../../support/seamlessChain.js';

afterEach(cleanUp);

const HEVC = 'video/mp4; codecs="hvc1.1.6.L63.90"';
const media = (path: string, durationSeconds: number, segmentId: string): SegmentSource => ({
  segmentId,
  url: `/test/media/${path}`,
  durationSeconds,
});

describe('HEVC where the browser cannot decode it', () => {
  it('this chromium has no HEVC in MSE (the premise of the tests below)', () => {
    expect(MediaSource.isTypeSupported(HEVC)).toBe(false);
    expect(MediaSource.isTypeSupported('video/mp4; codecs="avc1.64001e"')).toBe(true);
  });

  it('a master with HEVC and H.264 variants plays its H.264 ladder, spliced like contract media; no HEVC fragment is fetched', async () => {
    const chain = [clip('intro'), clip('hevc-h264', 3), clip('lantern')];
    const result = await playChain(chain);
    expectSeamless(result, chain, 'HEVC + H.264 master');
    const fetched = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => n.includes('/hevc-h264/'));
    expect(fetched.some((n) => /\/h264-(360|720)p\/seg_000\.m4s$/.test(n))).toBe(true);
    // (The ladder reads every variant's playlist; no HEVC init section or fragment is downloaded.)
    expect(fetched.filter((n) => /\/hevc-(360|720)p\/.*\.(mp4|m4s)$/.test(n))).toEqual([]);
  });

  it.each([
    ['an HEVC media playlist (no CODECS to read: the codec comes from the init section)', 'hevc/video/media.m3u8'],
    ["ffmpeg's HEVC-only master (CODECS hvc1)", 'hevc/index.m3u8'],
  ])(
    '%s: media-incompatible naming the codec, the URL and the fix, before the seam; the next branch plays',
    async (_label, path) => {
      const video = createTestVideo();
      const engine = useEngine(video);
      const log = recordEvents(engine);
      const waiting: number[] = [];
      await engine.load(clip('intro'));
      await engine.play();
      video.addEventListener('waiting', () => waiting.push(video.currentTime));
      const failed = nextEvent(engine, 'error');
      engine.queueNext(media(path, 3, 'hevc'));
      const error = await failed;
      const refusedAt = video.currentTime;
      expect(error).toMatchObject({ code: 'media-incompatible', segmentId: 'hevc', fatal: false });
      expect(error.message).toMatch(/hevc\/(video\/init\.mp4|index\.m3u8)/);
      expect(error.message).toMatch(/hvc1\.1\.\d\.L\d+/);
      expect(error.message).toMatch(/H\.264/);
      // The player takes another path (the engine gets the next segment), as for any segment failure.
      engine.queueNext(clip('lantern'));
      engine.end();
      await nextEvent(engine, 'ended', () => true, 30_000);
      const starts = log
        .filter((e) => e.type === 'segmentstart')
        .map((e) => (e.payload as { segmentId: string }).segmentId);
      console.log(
        `[hevc] ${path}: refused at ${refusedAt.toFixed(3)} s (intro ends at 4), waiting ${JSON.stringify(waiting)}, ` +
          `ended at ${video.currentTime.toFixed(3)} s: ${error.message}`,
      );
      expect(refusedAt, 'refused before the seam').toBeLessThan(4);
      expect(starts).toEqual(['intro', 'lantern']);
      expect(waiting, 'no frozen picture').toEqual([]);
      expect(video.currentTime).toBeCloseTo(8, 1);
      expect(log.filter((e) => e.type === 'error').map((e) => (e.payload as PlaybackEvents['error']).code)).toEqual([
        'media-incompatible',
      ]);
    },
  );
});
