import { afterEach, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { createPlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import type { PlaybackEngine } from '../../../src/player/playback/PlaybackEngine.js';
import {
  clip,
  createTestVideo,
  nextEvent,
  recordEvents,
  unexplainedBoundarySkips,
} from '../../support/playbackHarness.js';

// A segment being rendered: an EVENT playlist on the real dev server that gains a fragment
// every 600 ms (faster than real time, as a generator that keeps ahead of the viewer) and
// gets ENDLIST last. Written to disk with vitest's file commands (paths relative to the repo root).
const NAME = `growing-${Date.now().toString(36)}`;
const FILE = `test/media/${NAME}/media.m3u8`;

function growingPlaylist(fragments: number, done: boolean): string {
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    '#EXT-X-TARGETDURATION:1',
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:EVENT',
  ];
  if (fragments > 0) lines.push('#EXT-X-MAP:URI="../forest/init.mp4"');
  for (let i = 0; i < fragments; i++)
    lines.push('#EXTINF:1.000000,', `../forest/seg_${String(i).padStart(3, '0')}.m4s`);
  if (done) lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

let engine: PlaybackEngine | null = null;
let grower: ReturnType<typeof setInterval> | undefined;
afterEach(async () => {
  clearInterval(grower);
  engine?.destroy();
  engine = null;
  document.body.replaceChildren();
  await commands.removeFile(FILE).catch(() => {});
});

describe('segments still being rendered', () => {
  it('follows a growing EVENT playlist and splices the next segment once it has ENDLIST', async () => {
    await commands.writeFile(FILE, growingPlaylist(0, false));
    const video = createTestVideo();
    engine = createPlaybackEngine(video, { growingPollMs: 200 });
    const eng = engine;
    const log = recordEvents(eng);
    await eng.load(clip('intro'));
    await eng.play();
    eng.queueNext({ segmentId: 'generated', url: `/test/media/${NAME}/media.m3u8`, durationSeconds: 6 });
    eng.queueNext(clip('lantern'));
    eng.end();
    let written = 0;
    grower = setInterval(() => {
      written++;
      void commands.writeFile(FILE, growingPlaylist(written, written === 6));
      if (written === 6) clearInterval(grower);
    }, 600);
    await nextEvent(eng, 'ended', () => true, 30_000);
    const starts = log
      .filter((e) => e.type === 'segmentstart')
      .map((e) => (e.payload as { segmentId: string }).segmentId);
    expect(starts).toEqual(['intro', 'generated', 'lantern']);
    expect(log.filter((e) => e.type === 'error' || e.type === 'waiting')).toEqual([]);
    // intro 4 s + all six fragments of the generated one + lantern 4 s.
    expect(video.currentTime).toBeCloseTo(14, 1);
    const stats = eng.stats();
    console.log('[growing]', JSON.stringify(stats));
    expect(unexplainedBoundarySkips(stats)).toBe(0);
  });
});
