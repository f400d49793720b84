import type { PlaybackEngine, PlaybackEngineOptions } from './PlaybackEngine.js';

/**
 * Create the playback engine over a `<video>` that stays in the DOM.
 *
 * @example
 * const engine = createPlaybackEngine(video);
 * engine.on('segmentstart', (e) => console.log(e.segmentId));
 * await engine.load({ segmentId: 'intro', url: '/media/intro/index.m3u8', durationSeconds: 4 });
 * await engine.play();
 * engine.queueNext({ segmentId: 'forest', url: '/media/forest/index.m3u8', durationSeconds: 4 });
 */
export function createPlaybackEngine(_video: HTMLVideoElement, _options: PlaybackEngineOptions = {}): PlaybackEngine {
  throw new Error('createPlaybackEngine: work in progress');
}
