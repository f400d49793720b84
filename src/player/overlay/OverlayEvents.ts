/**
 * What the overlay reports: viewer intent only. The overlay never changes playback or
 * story itself; the player listens and decides (the Media Chrome `*-request` pattern).
 */
export interface OverlayEvents {
  'choice-request': { optionId: string };
  'play-request': Record<string, never>;
  'pause-request': Record<string, never>;
  'back-request': Record<string, never>;
  'mute-request': { muted: boolean };
  'fullscreen-request': { fullscreen: boolean };
  /** The viewer picked a subtitle track in the tracks menu (-1: off). */
  'subtitle-request': { id: number };
  /** The viewer picked an alternate audio track in the tracks menu. */
  'audio-request': { id: number };
}

/** One option as the overlay shows it. */
export interface OverlayOption {
  id: string;
  /** Story text: drawn by pixi and set on the DOM twin with textContent only. */
  label: string;
  /** False while the option's branch is still being generated (shows a subtle mark). */
  ready?: boolean;
}

/** A choice window to show. */
export interface OverlayChoice {
  segmentId: string;
  prompt: string;
  options: OverlayOption[];
  /** Time (as read from the overlay's `time` function, seconds) when the default is taken. */
  until: number;
}
