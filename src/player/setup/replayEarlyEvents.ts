import type { EventHub, Handler } from '../../core/events/EventHub.js';
import { PLAYER_EVENT_TYPES } from '../PlayerEvents.js';
import type { PlayerEvents } from '../PlayerEvents.js';

type Early = { [K in keyof PlayerEvents]: { type: K; payload: PlayerEvents[K] } }[keyof PlayerEvents];

/**
 * `player.on()` for a player whose story starts inside `createPlayer`: events emitted before
 * `close()` are kept, and a listener added before then first receives the kept events of its
 * type, in order, then the live ones. `createPlayer` closes it one task after it resolves,
 * so a listener added right after `await createPlayer(...)` sees the start segment's
 * `segmentstart` (docs/decisions/0007-player-lifecycle.md says why replay, not a later start).
 *
 * Kept events reach the new listener in a microtask, never inside `on()` itself: a handler
 * may use the unsubscribe function `on()` returns.
 *
 * @example
 * const early = replayEarlyEvents(hub);
 * setTimeout(() => early.close(), 0);
 * early.on('segmentstart', (e) => console.log(e.segmentId)); // also the ones already emitted
 */
export function replayEarlyEvents(hub: EventHub<PlayerEvents>): {
  on<K extends keyof PlayerEvents>(type: K, handler: Handler<PlayerEvents[K]>): () => void;
  off<K extends keyof PlayerEvents>(type: K, handler: Handler<PlayerEvents[K]>): void;
  close(): void;
} {
  let kept: Early[] | null = [];
  const record = PLAYER_EVENT_TYPES.map((type) =>
    hub.on(type, (payload: PlayerEvents[typeof type]) => kept?.push({ type, payload } as Early)),
  );
  /** The hub's handler standing for a listener that is still being caught up. */
  const stands = new Map<keyof PlayerEvents, Map<Handler<never>, Handler<never>>>();
  const standsOf = (type: keyof PlayerEvents): Map<Handler<never>, Handler<never>> => {
    let of = stands.get(type);
    if (!of) stands.set(type, (of = new Map()));
    return of;
  };

  function on<K extends keyof PlayerEvents>(type: K, handler: Handler<PlayerEvents[K]>): () => void {
    const past = (kept ?? []).filter((e) => e.type === type).map((e) => e.payload as PlayerEvents[K]);
    if (past.length === 0) return hub.on(type, handler);
    // Live events that come before the catch-up queue behind the kept ones: order holds.
    let queue: PlayerEvents[K][] | null = past;
    const stand: Handler<PlayerEvents[K]> = (payload) => (queue ? queue.push(payload) : handler(payload));
    standsOf(type).set(handler as Handler<never>, stand as Handler<never>);
    hub.on(type, stand);
    queueMicrotask(() => {
      const due = queue ?? [];
      queue = null;
      for (const payload of due) {
        if (standsOf(type).get(handler as Handler<never>) !== stand) return; // removed meanwhile
        try {
          handler(payload);
        } catch (error) {
          console.error(`[offshoot] a "${String(type)}" handler threw`, error);
        }
      }
    });
    return () => off(type, handler);
  }

  function off<K extends keyof PlayerEvents>(type: K, handler: Handler<PlayerEvents[K]>): void {
    const stand = standsOf(type).get(handler as Handler<never>);
    standsOf(type).delete(handler as Handler<never>);
    if (stand) hub.off(type, stand as Handler<PlayerEvents[K]>);
    hub.off(type, handler);
  }

  return {
    on,
    off,
    close() {
      kept = null;
      record.forEach((stop) => stop());
    },
  };
}
