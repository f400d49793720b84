import { tell } from '../lifecycle/lifecycleState.js';
import type { PlayerHost } from './PlayerHost.js';

/**
 * Viewer intent from the overlay (`*-request`) → story machine and media element,
 * and media element state → the control bar.
 *
 * @example
 * const unwire = wireOverlay(host);
 */
export function wireOverlay(host: PlayerHost): () => void {
  const { overlay, video, root } = host;
  const doc = root.ownerDocument;
  const offs = [
    overlay.on('choice-request', ({ optionId }) => host.actor?.send({ type: 'CHOOSE', optionId })),
    overlay.on('play-request', () => {
      tell(host.lifecycle, { type: 'PLAY' });
      host.resume();
    }),
    overlay.on('pause-request', () => {
      tell(host.lifecycle, { type: 'PAUSE' });
      host.engine.pause();
    }),
    overlay.on('back-request', () => host.actor?.send({ type: 'BACK' })),
    overlay.on('mute-request', ({ muted }) => {
      video.muted = muted;
    }),
    overlay.on('fullscreen-request', ({ fullscreen }) => {
      if (fullscreen && !doc.fullscreenElement) void root.requestFullscreen?.().catch(() => undefined);
      else if (!fullscreen && doc.fullscreenElement) void doc.exitFullscreen().catch(() => undefined);
    }),
  ];
  const sync = (): void =>
    overlay.setControls({
      playing: !video.paused && !video.ended,
      muted: video.muted,
      fullscreen: doc.fullscreenElement === root,
    });
  const mediaEvents = ['play', 'pause', 'ended', 'volumechange'] as const;
  for (const type of mediaEvents) video.addEventListener(type, sync);
  doc.addEventListener('fullscreenchange', sync);
  sync();
  return () => {
    offs.forEach((off) => off());
    for (const type of mediaEvents) video.removeEventListener(type, sync);
    doc.removeEventListener('fullscreenchange', sync);
  };
}
