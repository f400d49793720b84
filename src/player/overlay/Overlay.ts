import type { Handler } from '../../core/events/EventHub.js';
import type { Caption } from '../../core/story/Story.js';
import type { ControlsState } from '../controls/createControls.js';
import type { SubtitleCue } from '../playback/subtitles/SubtitleTrack.js';
import type { OverlayChoice, OverlayEvents } from './OverlayEvents.js';

/** What the overlay shows right now (for tests and for the player's own decisions). */
export interface OverlayState {
  choiceOpen: boolean;
  transitioning: boolean;
  caption: string | null;
  holding: boolean;
  message: string | null;
  /** The canvas renderer: not started, loading pixi, drawing, or unavailable (no WebGL: plain buttons). */
  renderer: 'idle' | 'starting' | 'ready' | 'failed';
  /** How many times the canvas was drawn: it is drawn only when something on it changes. */
  renders: number;
}

/**
 * The overlay compositor: owns a transparent pixi canvas over the natively shown video
 * (choice panel, countdown, captions, hold indicator) plus its DOM twins, live region and
 * control bar. State flows down through these methods; viewer intent comes up as
 * `*-request` events.
 */
export interface Overlay {
  /** The overlay's own element (canvas, twins, controls, live region) inside the container. */
  readonly element: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  /**
   * The video the overlay sits over (the browser shows it; the overlay never draws it). Its
   * first frame is the overlay's cue to start the canvas renderer ahead of the first choice.
   */
  attachVideo(video: HTMLVideoElement): void;
  /** Forget the video. */
  detachVideo(): void;
  showChoice(choice: OverlayChoice): void;
  /** Play the confirm transition (instant under reduced motion), then hide the choice. */
  confirmChoice(optionId: string, options?: { byDefault?: boolean }): Promise<void>;
  hideChoice(): void;
  /** Mark an option's branch as ready (or still generating). */
  setOptionReady(optionId: string, ready: boolean): void;
  /** Captions of the segment now playing (timed by the overlay's `time`). */
  setCaptions(captions: Caption[] | undefined): void;
  /** Subtitle cues of the segment now playing, placed on its time; shown below a story caption due at once. */
  setSubtitles(cues: readonly SubtitleCue[]): void;
  /** Show the "generating…" hold with progress 0..1 (null: unknown); `null` hides it. */
  setHold(hold: { progress: number | null; message?: string } | null): void;
  /** A readable message over the picture (errors); `null` removes it. */
  showMessage(text: string | null): void;
  setControls(state: Partial<ControlsState>): void;
  /** Say something through the polite live region. */
  announce(text: string): void;
  state(): OverlayState;
  /** Start the canvas renderer now if it has not started; resolves once it is ready (or has failed). */
  whenReady(): Promise<void>;
  on<K extends keyof OverlayEvents>(type: K, handler: Handler<OverlayEvents[K]>): () => void;
  off<K extends keyof OverlayEvents>(type: K, handler: Handler<OverlayEvents[K]>): void;
  /** Stop drawing, remove every element and listener it added. */
  destroy(): void;
}

export interface OverlayOptions {
  /** Seconds into the current segment (media time); drives countdown and captions. */
  time?: () => number;
  /** Show the control bar. Default true. */
  controls?: boolean;
  /** Force reduced motion on/off; by default follows `prefers-reduced-motion`. */
  reducedMotion?: boolean;
  /** Move keyboard focus to the first option when a choice opens while focus is in the player or on the page body. Default true. */
  autoFocus?: boolean;
  /**
   * Whether a download of `bytes` would leave the video enough of the link (the player passes
   * its engine's `hasRoomFor`). Without it the renderer warms up as soon as the video plays
   * with a few seconds buffered; with it, that warm-up also waits for room. A choice, caption
   * or hold starts the renderer at once either way (the DOM twins show them meanwhile).
   */
  linkHasRoom?: (bytes: number) => boolean;
}
