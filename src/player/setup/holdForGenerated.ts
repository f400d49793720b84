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
  const { state, hub } = host;
  if (state.failed.has(segmentId)) return;
  state.failed.add(segmentId);
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

/** Downloads being retried, per player: engine URLs and "generation" (the backend). */
interface Outage {
  keys: Map<string, { segmentId: string | undefined; cause: string; reason: string }>;
  /** The viewer was told (and the page got its `reconnecting` error) during this outage. */
  reported: boolean;
}
const outages = new WeakMap<PlayerHost, Outage>();

/**
 * A download (`key`: its URL, or "generation") failed and is being retried. Nothing is
 * reported yet: most retries finish while the buffer still plays (the engine's and the
 * client's `retry` events have them); `showReconnecting` reports it once the picture waits.
 *
 * @example
 * engine.on('retry', (r) => beginOutage(host, r.url, r.reason, r.code, r.segmentId));
 */
export function beginOutage(host: PlayerHost, key: string, reason: string, cause: string, segmentId?: string): void {
  let outage = outages.get(host);
  if (!outage) outages.set(host, (outage = { keys: new Map(), reported: false }));
  outage.keys.set(key, { segmentId, cause, reason });
}

/**
 * The download `key` succeeded or was given up (undefined: all of them).
 *
 * @example
 * engine.on('recovered', (r) => endOutage(host, r.url));
 */
export function endOutage(host: PlayerHost, key?: string): void {
  const outage = outages.get(host);
  if (!outage) return;
  if (key === undefined) outage.keys.clear();
  else outage.keys.delete(key);
  if (outage.keys.size === 0) outage.reported = false;
}

/** Whether requests to the generation backend are being retried now (it may be down). */
export function generationUnreachable(host: PlayerHost): boolean {
  return outages.get(host)?.keys.has('generation') ?? false;
}

/**
 * Whether some download is being retried now; with `segmentIds`, one of theirs (a prefetch
 * of a branch not taken does not hold the picture).
 */
export function inOutage(host: PlayerHost, segmentIds?: Array<string | null>): boolean {
  const keys = outages.get(host)?.keys;
  if (!keys) return false;
  if (!segmentIds) return keys.size > 0;
  for (const { segmentId } of keys.values()) if (segmentId !== undefined && segmentIds.includes(segmentId)) return true;
  return false;
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
  const outage = outages.get(host);
  const first = outage?.keys.values().next().value;
  if (outage && first && !outage.reported) {
    outage.reported = true;
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
 * client.on('recovered', () => leaveReconnecting(host, host.state.waitingFor));
 */
export function leaveReconnecting(host: PlayerHost, segmentId: string | null): void {
  if (!segmentId || !host.overlay.state().holding || messages.get(host) !== RECONNECTING) return;
  showHold(host, segmentId, beforeReconnect.get(host));
  beforeReconnect.delete(host);
}
