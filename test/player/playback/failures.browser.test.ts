import { afterEach, describe, expect, it } from 'vitest';
import { createPlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import type { PlaybackEngine, PlaybackEvents } from '../../../src/player/playback/PlaybackEngine.js';
import { clip, createTestVideo, nextEvent, recordEvents } from '../../support/playbackHarness.js';

let engine: PlaybackEngine | null = null;
afterEach(() => {
  engine?.destroy();
  engine = null;
  document.body.replaceChildren();
});

const starts = (log: ReturnType<typeof recordEvents>) =>
  log.filter((e) => e.type === 'segmentstart').map((e) => (e.payload as { segmentId: string }).segmentId);

describe('failures are reported, playback goes on', () => {
  it('a segment with a missing fragment: error with code and id, cut short, the next queued one plays', async () => {
    const video = createTestVideo();
    engine = createPlaybackEngine(video, { retries: 1 });
    const eng = engine;
    const log = recordEvents(eng);
    const failed = nextEvent(eng, 'error');
    await eng.load(clip('intro'));
    await eng.play();
    eng.queueNext(clip('broken'));
    const error = await failed;
    expect(error).toMatchObject({ code: 'fragment-load-failed', segmentId: 'broken', fatal: false });
    expect(error.message).toContain('seg_002.m4s');
    // The player reacts by choosing another path; the engine splices it after what did load.
    eng.queueNext(clip('lantern'));
    eng.end();
    await nextEvent(eng, 'ended', () => true, 20_000);
    expect(starts(log)).toEqual(['intro', 'broken', 'lantern']);
    // intro 4 s + the two good fragments of broken + lantern 4 s, on one timeline.
    expect(video.currentTime).toBeCloseTo(10, 1);
    expect(eng.stats().stalls).toBe(0);
  });

  it('a segment whose playlist is missing: playlist-load-failed, skipped, never frozen', async () => {
    const video = createTestVideo();
    engine = createPlaybackEngine(video, { retries: 0 });
    const eng = engine;
    const log = recordEvents(eng);
    await eng.load(clip('a', 3));
    await eng.play();
    const failed = nextEvent(eng, 'error');
    eng.queueNext(clip('no-such-clip'));
    expect(await failed).toMatchObject({ code: 'playlist-load-failed', segmentId: 'no-such-clip', fatal: false });
    eng.queueNext(clip('b', 3));
    eng.end();
    await nextEvent(eng, 'ended', () => true, 20_000);
    expect(starts(log)).toEqual(['a', 'b']);
    expect(video.currentTime).toBeCloseTo(6, 1);
  });

  it('when nothing follows a failed segment, the engine waits (reports waiting) and resumes on queueNext', async () => {
    const video = createTestVideo();
    engine = createPlaybackEngine(video, { retries: 0 });
    const eng = engine;
    await eng.load(clip('c', 3));
    await eng.play();
    eng.queueNext(clip('no-such-clip'));
    const waiting = await nextEvent(eng, 'waiting', () => true, 10_000);
    expect(waiting.segmentId).toBe('c');
    const stalled = nextEvent(eng, 'stall');
    eng.queueNext(clip('d', 5));
    await nextEvent(eng, 'segmentstart', (e) => e.segmentId === 'd', 10_000);
    expect((await stalled).durationMs).toBeGreaterThan(0);
    expect(eng.stats().stalls).toBe(1);
  });

  it('a first segment that cannot load rejects load() with a fatal error', async () => {
    const video = createTestVideo();
    engine = createPlaybackEngine(video, { retries: 0 });
    const errors: Array<PlaybackEvents['error']> = [];
    engine.on('error', (e) => errors.push(e));
    await expect(engine.load(clip('no-such-clip'))).rejects.toThrow(/no-such-clip/);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'playlist-load-failed', segmentId: 'no-such-clip', fatal: true }),
    ]);
  });
});
