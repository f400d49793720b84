import type { PlayerHost } from './PlayerHost.js';

/** The message of the hold on screen, per player (the overlay keeps no copy we can read). */
const messages = new WeakMap<PlayerHost, string | undefined>();

/**
 * Whether `segmentId` is a generated segment whose playlist is not playable yet (it must
 * not reach the engine before it is). Authored media never waits.
 *
 * @example
 * if (needsRender(host, 'forest')) await host.generation!.whenPlayable('forest');
 */
export function needsRender(host: PlayerHost, segmentId: string): boolean {
  const segment = host.story.segments[segmentId];
  if (!segment?.generate || segment.media) return false;
  if (!host.generation) {
    // Nothing can ever render it: take another path now rather than wait forever.
    markGenerationFailed(host, segmentId, 'no generation backend is configured (the `generation` option)');
    return false;
  }
  return !host.generation.status(segmentId).ready;
}

/**
 * Show the "generating…" hold for `segmentId` with its current progress; the client's
 * `progress` events keep it moving (wireGeneration).
 *
 * @example
 * showHold(host, 'intro');
 */
export function showHold(host: PlayerHost, segmentId: string, message?: string): void {
  const { overlay, root } = host;
  if (!overlay.state().holding) {
    // The card is drawn on the canvas: screen readers learn of the wait from these.
    root.setAttribute('aria-busy', 'true');
    overlay.announce(message ?? 'Generating the next scene…');
  }
  host.state.held.add(segmentId);
  messages.set(host, message);
  overlay.setHold({ progress: host.generation?.status(segmentId).progress ?? 0, message });
}

/**
 * New progress (0..1) on the hold shown, keeping its message.
 *
 * @example
 * client.on('progress', (p) => updateHold(host, p.progress));
 */
export function updateHold(host: PlayerHost, progress: number): void {
  if (host.overlay.state().holding) host.overlay.setHold({ progress, message: messages.get(host) });
}

/**
 * Take the hold down.
 *
 * @example
 * hideHold(host);
 */
export function hideHold(host: PlayerHost): void {
  if (!host.overlay.state().holding) return;
  host.root.removeAttribute('aria-busy');
  host.overlay.setHold(null);
}

/**
 * Record that `segmentId` cannot be generated (skipped from now on) and say so once, as a
 * non-fatal `error`: the story takes another path.
 *
 * @example
 * markGenerationFailed(host, 'forest', error);
 */
export function markGenerationFailed(host: PlayerHost, segmentId: string, reason: unknown): void {
  const { state, hub } = host;
  if (state.failed.has(segmentId)) return;
  state.failed.add(segmentId);
  const why = reason instanceof Error ? reason.message : String(reason);
  hub.emit('error', { code: 'generation-failed', message: `Segment "${segmentId}" could not be generated (${why}); taking another path.`, fatal: false, segmentId });
}
