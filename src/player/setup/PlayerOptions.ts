import type { Handler } from '../../core/events/EventHub.js';
import type { Story } from '../../core/story/Story.js';
import type { PlayerEvents } from '../PlayerEvents.js';
import type { PlaybackEngineOptions } from '../playback/PlaybackEngine.js';
import type { GenerationClientOptions } from '../generation/GenerationClient.js';
import type { SnapshotStorage } from '../persist/SnapshotStorage.js';
import type { PlayerStart } from './PlayerStart.js';

/** Options of `createPlayer` (and, as attributes, of `<offshoot-player>`). */
export interface PlayerOptions {
  /** The story: a URL (fetched, then validated) or a story object (validated). */
  story: string | URL | Story | object;
  /**
   * What segment media URLs resolve against. Default: the story's URL (its
   * `Content-Location` when the server sends one, as the backend's
   * `GET /api/v1/stories/:id` does, else the URL after redirects), or the page's base URL
   * for a story object.
   */
  baseUrl?: string | URL;
  /** Start playing once the first segment is buffered. Default false. */
  autoplay?: boolean;
  /** Start muted. Default false (set it with autoplay for browsers' autoplay rules). */
  muted?: boolean;
  /** Show the control bar (play/pause, back, mute, fullscreen). Default true. */
  controls?: boolean;
  /**
   * Start in this segment with these variables instead of at the story's start (and
   * instead of a persisted place). An unknown segment or variable fails like an invalid story.
   *
   * @example
   * { story: '/night-walk.json', start: { segment: 'forest', variables: { lantern: true }, atChoice: true } }
   */
  start?: PlayerStart;
  /** Keep the viewer's place: `true` for localStorage (keyed by story id), or your own storage. */
  persist?: boolean | SnapshotStorage;
  /** Generation backend for `generate` segments: `{ baseUrl, token?, getToken?, depth? ... }`. */
  generation?: GenerationClientOptions;
  /** Force reduced motion on/off; by default follows `prefers-reduced-motion`. */
  reducedMotion?: boolean;
  /**
   * The viewer's subtitle language (BCP 47, e.g. 'fr'): picked first among the HLS subtitle
   * renditions marked AUTOSELECT, before the browser's `navigator.languages`, then the DEFAULT one.
   *
   * @example
   * createPlayer(el, { story: '/night-walk.json', subtitleLanguage: 'fr' });
   */
  subtitleLanguage?: string;
  /**
   * The viewer's audio language (BCP 47, e.g. 'fr'): an HLS alternate audio rendition
   * (EXT-X-MEDIA TYPE=AUDIO, AUTOSELECT) in it is played; default the browser's languages,
   * then the DEFAULT rendition.
   *
   * @example
   * createPlayer(el, { story: '/night-walk.json', audioLanguage: 'fr' });
   */
  audioLanguage?: string;
  /** Listeners added before anything happens (so even a story load error is seen). */
  on?: { [K in keyof PlayerEvents]?: Handler<PlayerEvents[K]> };
  /** Advanced playback engine options. */
  engine?: PlaybackEngineOptions;
}
