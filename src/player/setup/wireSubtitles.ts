import { PlaybackError } from '../playback/PlaybackError.js';
import { SubtitleController } from '../playback/subtitles/SubtitleController.js';
import { readSubtitleChoice } from '../playback/subtitles/selectSubtitleTrack.js';
import { saveSnapshot } from './saveSnapshot.js';
import { subtitleIO } from '../playback/subtitles/subtitleIO.js';
import type { PlayerHost } from './PlayerHost.js';

/** What the player's API uses. */
export interface WiredSubtitles {
  readonly controller: SubtitleController;
  /** The viewer (menu or API) picks track `id` (-1: off): shown, and saved with their place. */
  select(id: number): void;
  /** Take the subtitle preference of a restored place (when it has one). */
  restore(saved: unknown): void;
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
  options: { subtitleLanguage?: string; lookaheadSeconds?: number; saved?: unknown },
): WiredSubtitles {
  const { overlay, hub, video } = host;
  const lookahead = options.lookaheadSeconds ?? DEFAULT_LOOKAHEAD_S;
  /** Which segment a master playlist is (to name it in an error). */
  const segmentOf = new Map<string, string>();
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
      // Subtitles never stop the picture: the video plays on, and the page is told.
      failed: (error, masterUrl) =>
        hub.emit('error', {
          code: 'subtitles-failed',
          message: `Subtitles could not be shown: ${error.message}`,
          fatal: false,
          segmentId: segmentOf.get(masterUrl),
          cause: error instanceof PlaybackError ? error.code : undefined,
        }),
    },
    languages,
    readSubtitleChoice(options.saved),
  );
  // Kept with the viewer's place when the player persists it; 'auto' is no preference.
  host.preferences = () => (controller.preference.mode === 'auto' ? undefined : { subtitles: controller.preference });
  const select = (id: number): void => {
    controller.select(id);
    saveSnapshot(host);
  };
  let prepared: string | null = null;
  let unwired = false;
  const horizon = (): void => {
    controller.setHorizon(host.segmentTime() + lookahead);
    // The segment spliced next (a locked choice): its first cues are read ahead, like its video.
    const queued = host.records.queued;
    if (queued === null || queued === prepared) return;
    prepared = queued;
    try {
      const url = host.source(queued).url;
      segmentOf.set(url, queued);
      controller.prepare(url);
    } catch {
      // A generated segment without a rendition yet: read on entering it.
    }
  };
  const offs = [
    hub.on('segmentstart', ({ segmentId }) => {
      try {
        const url = host.source(segmentId).url;
        segmentOf.set(url, segmentId);
        controller.enter(url);
        controller.setHorizon(lookahead);
      } catch {
        // A generated segment without a rendition yet: it has no subtitles to read.
      }
    }),
    overlay.on('subtitle-request', ({ id }) => select(id)),
    // A choice queues its segment: read its subtitles ahead at once, not at the next timeupdate
    // (up to 250 ms later, and a late choice leaves little time before the splice).
    hub.on('choice', () => void setTimeout(() => unwired || horizon(), 0)),
  ];
  video.addEventListener('timeupdate', horizon);
  return {
    controller,
    select,
    restore(saved) {
      const choice = readSubtitleChoice(saved);
      if (choice) controller.prefer(choice);
    },
    unwire() {
      unwired = true;
      offs.forEach((off) => off());
      video.removeEventListener('timeupdate', horizon);
      controller.destroy();
    },
  };
}
