// A seek back into media the back buffer already dropped: the engine plays a chain of one clip
// with little look-ahead and no back buffer, and once the start is evicted, seeks back there.
// What hls.js fetched again (Resource Timing) and what was heard after the seek tell whether
// fetched-again bytes are muxed again (the alternate-audio browser tests, fMP4 and MPEG-TS).
import { listenForBeeps } from './beepListener.js';
import type { HeardBeep } from './beepListener.js';
import { clip, createTestVideo, nextEvent, startChain } from './playbackHarness.js';
import type { PlaybackEvents } from '../../src/player/playback/PlaybackEngine.js';
import { onCleanUp, useEngine } from './seamlessChain.js';

/**
 * Plays four 3 s segments of test clip `name` (video and `en` renditions), past 8.6 s, then
 * seeks back to `seekTo` (in the third segment) and plays to the end; logs what it saw as `[label]`.
 *
 * @example
 * const r = await seekBackIntoEvicted('beep-alt', 6.2, 'alt audio');
 * expect(r.again.some((u) => u.includes('/video/seg_000'))).toBe(true);
 */
export async function seekBackIntoEvicted(
  name: string,
  seekTo: number,
  label: string,
): Promise<{
  /** Whether the element's buffer started after 6.5 s when the seek came: the start was dropped. */
  evicted: boolean;
  /** The video and audio fragment URLs fetched after the seek. */
  again: string[];
  /** What was heard after the seek. */
  beeps: HeardBeep[];
  errors: Array<PlaybackEvents['error']>;
}> {
  const video = createTestVideo();
  // Little look-ahead, no back buffer: the start is appended, played and evicted long before the end.
  const eng = useEngine(video, { backBufferSeconds: 0, lookaheadSeconds: 1.5 });
  const errors: Array<PlaybackEvents['error']> = [];
  eng.on('error', (e) => errors.push(e));
  const ear = listenForBeeps(video);
  onCleanUp(() => ear.stop());
  // Requests the fragment loader makes itself (the engine's cache handed each fragment over once).
  const fetched: string[] = [];
  const fragment = new RegExp(`/test/media/${name}/(video|en)/`);
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (fragment.test(e.name)) fetched.push(e.name);
  });
  observer.observe({ type: 'resource' });
  onCleanUp(() => observer.disconnect());
  await startChain(
    eng,
    ['a1', 'a2', 'a3', 'a4'].map((id) => clip(name, 3, id)),
  );
  await new Promise<void>((resolve) => {
    const onTime = () => video.currentTime > 8.6 && (video.removeEventListener('timeupdate', onTime), resolve());
    video.addEventListener('timeupdate', onTime);
  });
  const evicted = video.buffered.length > 0 && video.buffered.start(0) > 6.5;
  const before = fetched.length;
  ear.clear();
  // A segment still listed (the timeline keeps the one on screen), so hls.js serves this seek by
  // loading the fragment again.
  video.currentTime = seekTo;
  await nextEvent(eng, 'ended', () => true, 30_000);
  ear.stop();
  const again = fetched.slice(before);
  const beeps = ear.beeps();
  console.log(
    `[${label}] seek back: evicted ${evicted}, fetched again ${JSON.stringify(again.map((u) => u.split('/test/media/')[1]))}, ` +
      `beeps ${JSON.stringify(beeps.map((b) => ({ at: +b.at.toFixed(3), hz: Math.round(b.hz) })))}, errors ${JSON.stringify(errors)}`,
  );
  return { evicted, again, beeps, errors };
}
