import type { Outage } from '../lifecycle/LifecycleEvent.js';
import { tell } from '../lifecycle/lifecycleState.js';
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
  if (!overlay.state().holding || messages.get(host) !== message) {
    // The card is drawn on the canvas: screen readers learn of the wait from these.
    root.setAttribute('aria-busy', 'true');
    overlay.announce(message ?? 'Generating the next scene…');
  }
  host.records.held.add(segmentId);
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
  messages.delete(host);
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
  const { records, hub } = host;
  if (records.failed.has(segmentId)) return;
  records.failed.add(segmentId);
  const why = reason instanceof Error ? reason.message : String(reason);
  hub.emit('error', {
    code: 'generation-failed',
    message: `Segment "${segmentId}" could not be generated (${why}); taking another path.`,
    fatal: false,
    segmentId,
  });
}

/** What the viewer is told while a download is being retried. */
export const RECONNECTING = 'Reconnecting…';

/**
 * A download (`key`: its URL, or "generation") failed and is being retried. Nothing is
 * reported yet: most retries finish while the buffer still plays (the engine's and the
 * client's `retry` events have them); `showReconnecting` reports it once the picture waits.
 *
 * @example
 * engine.on('retry', (r) => beginOutage(host, r.url, r.reason, r.code, r.segmentId));
 */
export function beginOutage(host: PlayerHost, key: string, reason: string, cause: string, segmentId?: string): void {
  tell(host.lifecycle, { type: 'OUTAGE', key, segmentId, cause, reason });
}

/**
 * The download `key` succeeded or was given up (undefined: all of them).
 *
 * @example
 * engine.on('recovered', (r) => endOutage(host, r.url));
 */
export function endOutage(host: PlayerHost, key?: string): void {
  tell(host.lifecycle, { type: 'OUTAGE_END', key });
}

/** The downloads being retried now (the lifecycle's `link` region keeps them). */
function outages(host: PlayerHost): Outage[] {
  return host.lifecycle.getSnapshot().context.outages;
}

/** Whether requests to the generation backend are being retried now (it may be down). */
export function generationUnreachable(host: PlayerHost): boolean {
  return outages(host).some((o) => o.key === 'generation');
}

/**
 * Whether some download is being retried now; with `segmentIds`, one of theirs (a prefetch
 * of a branch not taken does not hold the picture).
 */
export function inOutage(host: PlayerHost, segmentIds?: Array<string | null>): boolean {
  const now = outages(host);
  if (!segmentIds) return now.length > 0;
  return now.some((o) => o.segmentId !== undefined && segmentIds.includes(o.segmentId));
}

/**
 * The picture stopped while a download is retried: show "Reconnecting…" (the hold card
 * without progress, `aria-busy` on the player, and the live region says it once), and emit
 * the outage's non-fatal `reconnecting` error (once per outage). It comes down with the
 * hold: when the picture moves again or the player takes another path.
 *
 * @example
 * if (inOutage(host)) showReconnecting(host);
 */
export function showReconnecting(host: PlayerHost): void {
  const { overlay, root } = host;
  const first = outages(host)[0];
  // Once per outage: the lifecycle's link goes retrying → reconnecting, and back to online when it ends.
  if (first && host.lifecycle.getSnapshot().matches({ running: { link: 'retrying' } })) {
    tell(host.lifecycle, { type: 'REPORTED' });
    const { segmentId, cause, reason } = first;
    host.hub.emit('error', {
      code: 'reconnecting',
      message: `A download failed (${reason}); retrying.`,
      fatal: false,
      segmentId,
      cause,
    });
  }
  if (overlay.state().holding && messages.get(host) === RECONNECTING) return;
  if (overlay.state().holding) beforeReconnect.set(host, messages.get(host));
  root.setAttribute('aria-busy', 'true');
  overlay.announce(RECONNECTING);
  messages.set(host, RECONNECTING);
  overlay.setHold({ progress: null, message: RECONNECTING });
}

/** The hold's message before "Reconnecting…" replaced it (a generation hold). */
const beforeReconnect = new WeakMap<PlayerHost, string | undefined>();

/**
 * The backend answers again while the player still holds for `segmentId`: put the
 * generation hold (its message and progress) back in place of "Reconnecting…".
 *
 * @example
 * client.on('recovered', () => leaveReconnecting(host, lifecycleState(host.lifecycle).waitingFor));
 */
export function leaveReconnecting(host: PlayerHost, segmentId: string | null): void {
  if (!segmentId || !host.overlay.state().holding || messages.get(host) !== RECONNECTING) return;
  showHold(host, segmentId, beforeReconnect.get(host));
  beforeReconnect.delete(host);
}
