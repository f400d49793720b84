// `playChain` with ears: plays a chain of segments to its end through the real engine and also
// records the engine's audio-track events and the beeps the element's decoded audio had (the
// alternate-audio browser tests, fMP4 and MPEG-TS).
import type { PlaybackEngine, PlaybackEngineOptions, SegmentSource } from '../../src/player/playback/PlaybackEngine.js';
import { listenForBeeps } from './beepListener.js';
import { onCleanUp, playChain } from './seamlessChain.js';

/**
 * Plays `chain` to its end (`during` runs once it plays); what the element showed and heard.
 *
 * @example
 * const r = await playHeard([clip('beep-alt', 3)], { audioLanguage: 'fr' });
 * expectBeeps(r, [0.5, 1.5, 2.5], 2000, 2);
 */
export async function playHeard(
  chain: SegmentSource[],
  options: PlaybackEngineOptions = {},
  during?: (engine: PlaybackEngine, video: HTMLVideoElement) => void,
) {
  /** `audiotrackschange` and `audiotrackswitch` in order, each payload with its `type`. */
  const audioEvents: Array<{ type: 'audiotrackschange' | 'audiotrackswitch' } & Record<string, unknown>> = [];
  let ear!: ReturnType<typeof listenForBeeps>;
  const r = await playChain(chain, options, {
    setUp(engine, video) {
      engine.on('audiotrackschange', (e) => audioEvents.push({ type: 'audiotrackschange', ...e }));
      engine.on('audiotrackswitch', (e) => audioEvents.push({ type: 'audiotrackswitch', ...e }));
      ear = listenForBeeps(video);
      onCleanUp(() => ear.stop());
    },
    playing: during,
  });
  ear.stop();
  return { ...r, audioEvents, beeps: ear.beeps(), observed: ear.observed, heard: ear.describe() };
}
