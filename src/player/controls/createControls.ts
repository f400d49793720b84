import type { EventHub } from '../../core/events/EventHub.js';
import type { OverlayEvents } from '../overlay/OverlayEvents.js';
import { setIcon } from './icons.js';
import type { IconName } from './icons.js';
import { TracksMenu } from './TracksMenu.js';

/** State the player pushes down into the control bar. */
export interface ControlsState {
  playing: boolean;
  muted: boolean;
  fullscreen: boolean;
  canGoBack: boolean;
  /** Subtitle tracks of the segment on screen (the tracks menu lists them with "Off"). */
  subtitleTracks: ReadonlyArray<{ id: number; name: string; lang: string }>;
  /** The subtitle track on, -1 for off. */
  subtitleTrack: number;
  /** Alternate audio renditions of the segment on screen (none when its sound is muxed: no audio group). */
  audioTracks: ReadonlyArray<{ id: number; name: string; lang: string }>;
  /** The audio track playing, -1 when there are none. */
  audioTrack: number;
}

export interface Controls {
  readonly element: HTMLDivElement;
  update(state: Partial<ControlsState>): void;
  destroy(): void;
}

/**
 * The control bar: play/pause, "back to previous choice", mute, a subtitle tracks menu
 * (TracksMenu, shown when there are tracks) and fullscreen as real labelled buttons. Buttons only send `*-request` events; state flows back via `update`.
 *
 * @example
 * const controls = createControls(root, hub);
 * controls.update({ playing: true });
 */
export function createControls(parent: HTMLElement, hub: EventHub<OverlayEvents>): Controls {
  const doc = parent.ownerDocument;
  const element = doc.createElement('div');
  element.className = 'osp-controls';
  const state: ControlsState = {
    playing: false,
    muted: false,
    fullscreen: false,
    canGoBack: false,
    subtitleTracks: [],
    subtitleTrack: -1,
    audioTracks: [],
    audioTrack: -1,
  };

  const make = (name: string, onClick: () => void): HTMLButtonElement => {
    const b = doc.createElement('button');
    b.type = 'button';
    b.className = `osp-ctl osp-ctl-${name}`;
    b.dataset.control = name;
    b.addEventListener('click', onClick);
    element.appendChild(b);
    return b;
  };
  const back = make('back', () => hub.emit('back-request', {}));
  const play = make('play', () => hub.emit(state.playing ? 'pause-request' : 'play-request', {}));
  const mute = make('mute', () => hub.emit('mute-request', { muted: !state.muted }));
  const tracks = new TracksMenu(element);
  let listed = '';
  const full = make('fullscreen', () => hub.emit('fullscreen-request', { fullscreen: !state.fullscreen }));

  const render = (): void => {
    label(play, state.playing ? 'Pause' : 'Play', state.playing ? 'pause' : 'play');
    label(mute, state.muted ? 'Unmute' : 'Mute', state.muted ? 'muted' : 'volume');
    label(
      full,
      state.fullscreen ? 'Exit full screen' : 'Full screen',
      state.fullscreen ? 'exitFullscreen' : 'fullscreen',
    );
    label(back, 'Back to previous choice', 'back');
    back.disabled = !state.canGoBack;
    element.dataset.paused = String(!state.playing);
    // Rebuilt only when the list or the choice changed: rebuilding moves focus inside the menu.
    const now = JSON.stringify([state.subtitleTracks, state.subtitleTrack, state.audioTracks, state.audioTrack]);
    if (now !== listed) {
      listed = now;
      const items = state.subtitleTracks.map((t) => ({ id: t.id, label: trackLabel(t) }));
      tracks.update([
        {
          name: 'subtitles',
          title: 'Subtitles',
          items: items.length > 0 ? [{ id: -1, label: 'Off' }, ...items] : [],
          current: state.subtitleTrack,
          onSelect: (id) => hub.emit('subtitle-request', { id }),
        },
        {
          name: 'audio',
          title: 'Audio',
          // One rendition is nothing to choose.
          items: state.audioTracks.length > 1 ? state.audioTracks.map((t) => ({ id: t.id, label: trackLabel(t) })) : [],
          current: state.audioTrack,
          onSelect: (id) => hub.emit('audio-request', { id }),
        },
      ]);
    }
  };
  render();
  parent.appendChild(element);

  return {
    element,
    update(next) {
      Object.assign(state, next);
      render();
    },
    destroy() {
      // The listeners live on these nodes only; removing them from the DOM releases both.
      element.remove();
    },
  };
}

/** A track's name in the menu: its NAME, else its language, else its number. */
function trackLabel(t: { id: number; name: string; lang: string }): string {
  return t.name || t.lang || `Track ${t.id + 1}`;
}

function label(button: HTMLButtonElement, text: string, icon: IconName): void {
  if (button.getAttribute('aria-label') === text) return;
  button.setAttribute('aria-label', text);
  button.title = text;
  setIcon(button, icon);
}
