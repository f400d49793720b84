import type { AudioTrackInfo } from '../playback/audio/AudioTrackInfo.js';
import type { PlayerHost } from './PlayerHost.js';

/** What the player's API uses. */
export interface WiredAudioTracks {
  /** The segment on screen's alternate audio renditions (`[]`: its sound is muxed, nothing to choose). */
  tracks(): AudioTrackInfo[];
  /** Id of the one playing, -1 when there is none to choose. */
  track(): number;
  /** The viewer (menu or API) picks rendition `id`: the engine restarts at the same place with it. */
  select(id: number): void;
  unwire(): void;
}

/**
 * The engine's audio renditions of the segment on screen → the tracks menu and the player's
 * `audiotrackschange` / `audiotrackswitch` events; the viewer's pick in the menu → the engine
 * (`setAudioTrack`: a short rebuffer at the same place, ADR 0012).
 *
 * @example
 * const audio = wireAudioTracks(host);
 * audio.select(1); // 'Français'
 */
export function wireAudioTracks(host: PlayerHost): WiredAudioTracks {
  const { engine, overlay, hub } = host;
  const controls = (): void =>
    overlay.setControls({ audioTracks: engine.audioTracks(), audioTrack: engine.audioTrack() });
  const select = (id: number): void => {
    void engine.setAudioTrack(id);
  };
  const offs = [
    engine.on('audiotrackschange', ({ tracks, audioTrack }) => {
      controls();
      hub.emit('audiotrackschange', { tracks, audioTrack });
    }),
    engine.on('audiotrackswitch', ({ audioTrack, track }) => {
      controls();
      hub.emit('audiotrackswitch', { id: audioTrack, track });
    }),
    overlay.on('audio-request', ({ id }) => select(id)),
  ];
  return {
    tracks: () => engine.audioTracks(),
    track: () => engine.audioTrack(),
    select,
    unwire: () => offs.forEach((off) => off()),
  };
}
