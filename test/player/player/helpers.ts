import { createPlayer } from '../../../src/player/createPlayer.js';
import type { Player } from '../../../src/player/setup/Player.js';
import type { PlayerOptions } from '../../../src/player/setup/PlayerOptions.js';
import type { PlayerEvents } from '../../../src/player/PlayerEvents.js';
import type { Story } from '../../../src/core/story/Story.js';

export type Logged = { [K in keyof PlayerEvents]: { type: K } & PlayerEvents[K] }[keyof PlayerEvents];

/** Listeners (for the `on` option, so nothing is missed) that record every player event, in order. */
export function recorder(): { log: Logged[]; on: { [K in keyof PlayerEvents]: (e: PlayerEvents[K]) => void } } {
  const log: Logged[] = [];
  const push = (type: keyof PlayerEvents) => (e: object) =>
    void log.push({ type, ...e, t: Math.round(performance.now()) } as unknown as Logged);
  return {
    log,
    on: {
      segmentstart: push('segmentstart'),
      choicestart: push('choicestart'),
      choice: push('choice'),
      ended: push('ended'),
      error: push('error'),
      subtitletrackschange: push('subtitletrackschange'),
      subtitletrackswitch: push('subtitletrackswitch'),
      audiotrackschange: push('audiotrackschange'),
      audiotrackswitch: push('audiotrackswitch'),
      renditionchange: push('renditionchange'),
    },
  };
}

/** The log without timestamps. */
export const plain = (log: Logged[]): Logged[] => log.map(({ t: _t, ...e }: Logged & { t?: number }) => e as Logged);

/** Resolve with the first event of `type` matching `pred` (rejects after `ms`). */
export function next<K extends keyof PlayerEvents>(
  player: Player,
  type: K,
  pred: (e: PlayerEvents[K]) => boolean = () => true,
  ms = 30_000,
): Promise<PlayerEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${String(type)} within ${ms} ms`));
    }, ms);
    const off = player.on(type, (e) => {
      if (!pred(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

/** night-walk from examples/, its media resolved against test/ (test/media/<clip>/). */
export async function nightWalk(edit?: (s: Story) => void): Promise<Story> {
  const story = (await (await fetch('/examples/night-walk.json')).json()) as Story;
  edit?.(story);
  return story;
}

/** A positioned box for a player, in the page (320×180 unless `size` says otherwise). */
export function stage(size = { width: 320, height: 180 }): HTMLDivElement {
  const el = document.createElement('div');
  Object.assign(el.style, { position: 'relative', width: `${size.width}px`, height: `${size.height}px` });
  document.body.appendChild(el);
  return el;
}

/** The player a test opened with `openPlayer` and its stage (null once closed or forgotten). */
export const opened: { player: Player | null; container: HTMLDivElement | null } = { player: null, container: null };

/**
 * Stage a container and create a player in it, kept in `opened` for `closePlayer`. A test that
 * destroys the player itself sets `opened.player = null` (a failed player's destroy runs once).
 *
 * @example
 * afterEach(closePlayer);
 * const player = await openPlayer({ story: await nightWalk(), baseUrl: '/test/', muted: true });
 */
export async function openPlayer(options: PlayerOptions, size?: { width: number; height: number }): Promise<Player> {
  opened.container = stage(size);
  opened.player = await createPlayer(opened.container, options);
  return opened.player;
}

const closing: Array<() => void> = [];
/** Run `undo` in the next `closePlayer`, before the player goes (a frame watch on its video). */
export function beforeClose(undo: () => void): void {
  closing.push(undo);
}

/** Destroy the test's player and remove its stage: the test file's `afterEach`. */
export function closePlayer(): void {
  for (const undo of closing.splice(0)) undo();
  opened.player?.destroy();
  opened.player = null;
  opened.container?.remove();
  opened.container = null;
}

export const twin = (root: ParentNode, optionId: string): HTMLButtonElement | null =>
  root.querySelector<HTMLButtonElement>(`button[data-option-id="${optionId}"]`);
