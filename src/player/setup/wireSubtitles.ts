import { SubtitleController } from '../playback/subtitles/SubtitleController.js';
import { subtitleIO } from '../playback/subtitles/subtitleIO.js';
import type { PlayerHost } from './PlayerHost.js';

/** What the player's API uses. */
export interface WiredSubtitles {
  readonly controller: SubtitleController;
  unwire(): void;
}

/** The engine's default look-ahead (PlaybackEngineOptions.lookaheadSeconds): subtitles fetch no further. */
const DEFAULT_LOOKAHEAD_S = 30;

/**
 * Subtitles of the segment on screen → the caption layer and the tracks menu; the viewer's
 * pick in the menu → the controller; its changes → the player's `subtitletrackschange` and
 * `subtitletrackswitch` events. Preferred languages: `subtitleLanguage`, then the browser's.
 *
 * @example
 * const subtitles = wireSubtitles(host, { subtitleLanguage: 'fr' });
 * subtitles.controller.select(-1); // off
 */
export function wireSubtitles(
  host: PlayerHost,
  options: { subtitleLanguage?: string; lookaheadSeconds?: number },
): WiredSubtitles {
  const { overlay, hub, video } = host;
  const lookahead = options.lookaheadSeconds ?? DEFAULT_LOOKAHEAD_S;
  const languages = (): string[] =>
    [options.subtitleLanguage, ...(globalThis.navigator?.languages ?? [])].filter((l): l is string => !!l);
  const controls = (): void =>
    overlay.setControls({ subtitleTracks: controller.tracks, subtitleTrack: controller.track });
  const controller = new SubtitleController(
    subtitleIO,
    {
      tracksChanged: (tracks) => {
        controls();
        hub.emit('subtitletrackschange', { tracks });
      },
      trackSwitched: (id) => {
        controls();
        hub.emit('subtitletrackswitch', { id });
      },
      cuesChanged: (cues) => overlay.setSubtitles(cues),
      // Subtitles never stop the picture: the video plays on, and the reason is logged.
      failed: (error) => console.warn('[offshoot] subtitles:', error.message),
    },
    languages,
  );
  const horizon = (): void => controller.setHorizon(host.segmentTime() + lookahead);
  const offs = [
    hub.on('segmentstart', ({ segmentId }) => {
      try {
        controller.enter(host.source(segmentId).url);
        controller.setHorizon(lookahead);
      } catch {
        // A generated segment without a rendition yet: it has no subtitles to read.
      }
    }),
    overlay.on('subtitle-request', ({ id }) => controller.select(id)),
  ];
  video.addEventListener('timeupdate', horizon);
  return {
    controller,
    unwire() {
      offs.forEach((off) => off());
      video.removeEventListener('timeupdate', horizon);
      controller.destroy();
    },
  };
}
