// The viewer's side of an HEVC-only branch in a browser without HEVC (Debian's chromium): the
// player refuses it with segment-failed (cause media-incompatible) and takes another path,
// as for any segment that cannot play (ADR 0016). Media: libx265 via ffmpeg (npm run media).
import { afterEach, expect, test } from 'vitest';
import { closePlayer, next, nightWalk, openPlayer, recorder } from './helpers.js';

afterEach(closePlayer);

test('an HEVC-only branch: segment-failed (media-incompatible, naming the codec) before its seam, and the story goes on', async () => {
  const story = await nightWalk((s) => {
    s.segments.dark!.media = 'media/hevc/video/media.m3u8';
  });
  const { log, on } = recorder();
  const p = await openPlayer({
    story,
    baseUrl: '/test/',
    autoplay: true,
    muted: true,
    on,
  });
  await next(p, 'choicestart', (e) => e.segmentId === 'intro');
  p.choose('dark');
  const ended = await next(p, 'ended', () => true, 45_000);
  const types = log.map((e) => `${e.type} ${(e as { segmentId?: string }).segmentId}`);
  const starts = log.filter((e) => e.type === 'segmentstart').map((e) => (e as { segmentId: string }).segmentId);
  const errors = log.filter((e) => e.type === 'error');
  console.log(`[hevc] player: ${types.join(', ')}; stalls ${p.getStats().stalls}`);
  expect(errors).toEqual([
    expect.objectContaining({ code: 'segment-failed', segmentId: 'dark', cause: 'media-incompatible', fatal: false }),
  ]);
  expect((errors[0] as { message: string }).message).toMatch(
    /hevc\/video\/init\.mp4: this browser cannot decode its HEVC video hvc1\./,
  );
  // Refused from its prefetch, while intro still plays (before the choice opens, or soon after:
  // the prefetch's timing varies), so the next path is queued in time and the picture never stops.
  expect(types.indexOf('error dark')).toBeLessThan(types.indexOf('segmentstart forest'));
  expect(starts).toEqual(['intro', 'forest', 'lost']);
  expect(ended.segmentId).toBe('lost');
  expect(p.getStats().failedSegments).toEqual(['dark']);
  // Stalls are logged, not asserted: whether the refusal lands before the choice opens depends
  // on when the engine lets the option's prefetch use the link, which varies with load.
});
