import { PLAYER_EVENT_TYPES } from '../PlayerEvents.js';
import type { PlayerEvents } from '../PlayerEvents.js';

type Listeners = { [K in keyof PlayerEvents]?: (detail: PlayerEvents[K]) => void };

/**
 * Player events as `target`'s DOM CustomEvents (`detail` is the payload), held back until
 * the task after `open()`: the story starts inside `createPlayer`, so without this a page
 * that adds its listener right after `await el.ready` would never see the start segment's
 * `segmentstart`. From then on they are dispatched as they happen, in order. Nothing is
 * dispatched for a player that is no longer `current()` (the element was rebuilt).
 *
 * @example
 * const events = deferredDispatch(el, () => generation === el.generation);
 * const player = await createPlayer(stage, { story, on: events.on });
 * events.open();
 */
export function deferredDispatch(target: EventTarget, current: () => boolean): { on: Listeners; open(): void } {
  let held: Array<[keyof PlayerEvents, unknown]> | null = [];
  const dispatch = (type: keyof PlayerEvents, detail: unknown): void => {
    if (current()) target.dispatchEvent(new CustomEvent(type, { detail }));
  };
  const on: Listeners = {};
  for (const type of PLAYER_EVENT_TYPES)
    on[type] = ((detail: unknown) => (held ? held.push([type, detail]) : dispatch(type, detail))) as never;
  return {
    on,
    open() {
      setTimeout(() => {
        // A listener may make the player emit more while this runs: those queue behind.
        for (let next = held?.shift(); next; next = held?.shift()) dispatch(next[0], next[1]);
        held = null;
      }, 0);
    },
  };
}
