import { afterEach, describe, expect, test } from 'vitest';
import { Ticker } from 'pixi.js';
import { createPlayer } from '../../../src/player/createPlayer.js';
import { defineOffshootPlayer } from '../../../src/player/element/OffshootPlayerElement.js';
import type { OffshootPlayerElement } from '../../../src/player/element/OffshootPlayerElement.js';
import { next, nightWalk, stage } from './helpers.js';

type Entry = { target: EventTarget; type: string; listener: unknown; capture: boolean };
const capture = (o: unknown): boolean =>
  typeof o === 'boolean' ? o : !!(o as { capture?: boolean } | undefined)?.capture;

/** Track listeners added to window and document while `fn` runs (net of removals). */
function trackGlobalListeners(): { live: Entry[]; restore: () => void } {
  const live: Entry[] = [];
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const watched = (t: EventTarget): boolean => t === window || t === document;
  EventTarget.prototype.addEventListener = function (
    this: EventTarget,
    type: string,
    listener: unknown,
    options?: unknown,
  ) {
    if (
      watched(this) &&
      listener &&
      !live.some(
        (e) => e.target === this && e.type === type && e.listener === listener && e.capture === capture(options),
      )
    ) {
      live.push({ target: this, type, listener, capture: capture(options) });
    }
    return add.call(this, type, listener as EventListener, options as AddEventListenerOptions);
  };
  EventTarget.prototype.removeEventListener = function (
    this: EventTarget,
    type: string,
    listener: unknown,
    options?: unknown,
  ) {
    const i = live.findIndex(
      (e) => e.target === this && e.type === type && e.listener === listener && e.capture === capture(options),
    );
    if (i >= 0) live.splice(i, 1);
    return remove.call(this, type, listener as EventListener, options as EventListenerOptions);
  };
  return {
    live,
    restore() {
      EventTarget.prototype.addEventListener = add;
      EventTarget.prototype.removeEventListener = remove;
    },
  };
}

let cleanup: Array<() => void> = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

describe('player lifecycle', () => {
  test('destroy() leaves no element, no global listener, no animation frame and no timer', async () => {
    const container = stage();
    cleanup.push(() => container.remove());
    const listeners = trackGlobalListeners();
    cleanup.push(listeners.restore);
    const sharedBefore = Ticker.shared.count;
    const player = await createPlayer(container, {
      story: await nightWalk(),
      baseUrl: '/test/',
      autoplay: true,
      muted: true,
    });
    await next(player, 'choicestart');
    const video = container.querySelector('video')!;
    expect(listeners.live.length).toBeGreaterThan(0);
    player.destroy();
    listeners.restore();

    expect(container.childElementCount).toBe(0);
    expect(video.isConnected).toBe(false);
    expect(listeners.live.map((e) => e.type)).toEqual([]);
    expect(Ticker.shared.count).toBe(sharedBefore);

    // Nothing the player started may still schedule work.
    let frames = 0;
    let timers = 0;
    const raf = window.requestAnimationFrame;
    const w = window as unknown as Record<'setTimeout' | 'setInterval', (...a: unknown[]) => number>;
    const st = w.setTimeout;
    const si = w.setInterval;
    window.requestAnimationFrame = (cb) => (frames++, raf.call(window, cb));
    w.setTimeout = (...a: unknown[]) => (timers++, st.apply(window, a));
    w.setInterval = (...a: unknown[]) => (timers++, si.apply(window, a));
    try {
      await new Promise<void>((r) => st.call(window, r, 1500));
    } finally {
      window.requestAnimationFrame = raf;
      w.setTimeout = st;
      w.setInterval = si;
    }
    expect(frames).toBe(0);
    expect(timers).toBe(0);
  });
});

describe('<offshoot-player>', () => {
  test('plays a story from src, re-dispatches events as CustomEvents, destroys on removal', async () => {
    defineOffshootPlayer();
    expect(customElements.get('offshoot-player')).toBeDefined();
    const el = document.createElement('offshoot-player') as OffshootPlayerElement;
    el.setAttribute('src', '/examples/night-walk.json');
    el.setAttribute('base-url', '/test/');
    el.setAttribute('autoplay', '');
    el.setAttribute('muted', '');
    el.setAttribute('controls', '');
    el.style.width = '320px';
    const events: string[] = [];
    const choice = new Promise<CustomEvent>((resolve) =>
      el.addEventListener('choicestart', (e) => resolve(e as CustomEvent), { once: true }),
    );
    el.addEventListener('segmentstart', (e) => events.push(`segmentstart:${(e as CustomEvent).detail.segmentId}`));
    el.addEventListener('choice', (e) => events.push(`choice:${(e as CustomEvent).detail.optionId}`));
    document.body.appendChild(el);
    cleanup.push(() => el.remove());
    const opened = await choice;
    expect(opened.detail).toMatchObject({ segmentId: 'intro', prompt: 'Take the lantern?' });
    const stageEl = el.shadowRoot!.querySelector('.stage')!;
    expect(stageEl.querySelector('button[data-option-id="dark"]')?.textContent).toBe('Walk in the dark');
    expect(stageEl.querySelector('[data-control="play"]')).not.toBeNull();
    el.choose('dark');
    expect(events).toEqual(['segmentstart:intro', 'choice:dark']);
    // A locked choice is folded into the snapshot: it sits where the choice leads.
    expect(el.player?.snapshot()).toMatchObject({ segmentId: 'dark', vars: { courage: 1 } });
    el.remove();
    expect(stageEl.childElementCount).toBe(0);
    expect(el.player).toBeNull();
  });

  test('a bad src: fatal error event and the reason as text inside the element', async () => {
    defineOffshootPlayer();
    const el = document.createElement('offshoot-player') as OffshootPlayerElement;
    const error = new Promise<CustomEvent>((resolve) =>
      el.addEventListener('error', (e) => resolve(e as unknown as CustomEvent), { once: true }),
    );
    el.setAttribute('src', '/examples/no-such-story.json');
    document.body.appendChild(el);
    cleanup.push(() => el.remove());
    const e = await error;
    expect(e.detail).toMatchObject({ code: 'story-load-failed', fatal: true });
    expect(el.shadowRoot!.querySelector('[role="alert"]')?.textContent).toMatch(/no-such-story\.json.*404/);
  });
});
