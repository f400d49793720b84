import type { EventHub } from '../../core/events/EventHub.js';
import type { PlayerEvents } from '../PlayerEvents.js';
import type { Player } from './Player.js';

/**
 * The player handed back when the story could not be loaded (or the browser cannot draw):
 * it shows the message as text in its element and every method is a harmless no-op, so an
 * embedder's page never breaks on a bad story.
 *
 * @example
 * return failedPlayer(root, hub, error, () => overlay?.destroy());
 */
export function failedPlayer(root: HTMLElement, hub: EventHub<PlayerEvents>, cleanup: () => void): Player {
  return {
    story: null,
    element: root,
    play: () => Promise.resolve(),
    pause: () => undefined,
    choose: () => undefined,
    back: () => undefined,
    snapshot: () => {
      throw new Error('Player.snapshot(): no story is loaded');
    },
    restore: () => Promise.reject(new Error('Player.restore(): no story is loaded')),
    setMuted: () => undefined,
    subtitleTracks: [],
    get subtitleTrack() {
      return -1;
    },
    set subtitleTrack(_id: number) {},
    audioTracks: [],
    get audioTrack() {
      return -1;
    },
    set audioTrack(_id: number) {},
    getStats: () => ({
      transitions: 0,
      stalls: 0,
      stallMs: 0,
      maxBranchGapMs: 0,
      droppedFrames: 0,
      totalFrames: 0,
      startupMs: null,
      failedSegments: [],
    }),
    on: (type, handler) => hub.on(type, handler),
    off: (type, handler) => hub.off(type, handler),
    destroy() {
      cleanup();
      hub.removeAll();
      root.remove();
    },
  };
}
