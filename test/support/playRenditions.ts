// A chain of ladder segments played to its end through the real engine, for the ABR browser
// tests: what the media element presented (each frame's media time and height, by rVFC), the
// renditions in the order shown, `waiting` after the first frame, and the engine's
// renditionchange and error events to compare with them.
import type { PlaybackEngineOptions, PlaybackEvents, SegmentSource } from '../../src/player/playback/PlaybackEngine.js';
import { createTestVideo, nextEvent, recordFrames, renditionRuns, startChain } from './playbackHarness.js';
import { useEngine } from './seamlessChain.js';

/**
 * Plays `chain` (from `offset` seconds into its first segment, on a fresh engine) to `ended`.
 *
 * @example
 * const { runs, waiting, errors } = await playRenditions([clip('ladder', 8)]);
 * expect(runs.at(-1)!.height).toBe(720);
 */
export async function playRenditions(chain: SegmentSource[], options: PlaybackEngineOptions = {}, offset = 0) {
  const video = createTestVideo();
  const engine = useEngine(video, options);
  const changes: Array<PlaybackEvents['renditionchange']> = [];
  const errors: Array<PlaybackEvents['error']> = [];
  engine.on('renditionchange', (e) => changes.push(e));
  engine.on('error', (e) => errors.push(e));
  const shown = recordFrames(video);
  const frames = shown.frames;
  const waiting: number[] = [];
  video.addEventListener('waiting', () => frames.length > 0 && waiting.push(video.currentTime));
  await startChain(engine, chain, offset);
  await nextEvent(engine, 'ended', () => true, 50_000);
  shown.stop();
  return { video, engine, frames, runs: renditionRuns(frames), waiting, changes, errors };
}
