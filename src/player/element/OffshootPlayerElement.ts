import type { StorySnapshot } from '../../core/machine/StorySnapshot.js';
import { createPlayer } from '../createPlayer.js';
import { deferredDispatch } from './deferredDispatch.js';
import { adoptStyles } from '../overlay/adoptStyles.js';
import type { PlayerEvents } from '../PlayerEvents.js';
import type { Player, PlayerStats } from '../setup/Player.js';

const RESTART_ATTRIBUTES = new Set(['src', 'controls', 'persist', 'base-url', 'generation-url', 'generation-token']);
// Lets the module load where there is no DOM (server rendering, Node tests of the bundle).
const Base = (typeof HTMLElement === 'undefined' ? class {} : HTMLElement) as typeof HTMLElement;

/**
 * The DOM events `<offshoot-player>` dispatches: each player event as a `CustomEvent` whose
 * `detail` is the payload of {@link PlayerEvents} (they do not bubble).
 *
 * @example
 * el.addEventListener('choice', (e) => analytics.track(e.detail.optionId));
 */
export type OffshootPlayerEventMap = { [K in keyof PlayerEvents]: CustomEvent<PlayerEvents[K]> };

/**
 * `<offshoot-player>`: a thin element over the same object `createPlayer` returns. Player
 * events are re-dispatched as DOM CustomEvents (`detail` is the payload, see
 * {@link OffshootPlayerEventMap}); removing the element destroys the player.
 *
 * Attributes (changing `src`, `controls`, `persist`, `base-url`, `generation-url` or
 * `generation-token` rebuilds the player; `muted` applies at once):
 *
 * - `src`: URL of the story file (or set the `story` property to a story object).
 * - `autoplay`: start playing once the first segment is buffered (with `muted` for
 *   browsers' autoplay rules).
 * - `muted`: start muted; toggling it mutes or unmutes the running player.
 * - `controls`: show the control bar (`controls="false"` hides it too).
 * - `persist`: keep the viewer's place in localStorage (keyed by story id).
 * - `base-url`: what segment media URLs resolve against (default: the story's URL).
 * - `generation-url`: root of the generation backend for `generate` segments.
 * - `generation-token`: a viewer token your server issued (or set the `generationToken`
 *   property to keep it out of the DOM).
 *
 * Register it with `import 'offshoot/element'`, with the `<script>` bundles, or by calling
 * {@link defineOffshootPlayer}.
 *
 * @example
 * <offshoot-player src="/stories/night-walk.json" autoplay muted controls></offshoot-player>
 * <script type="module">
 *   import 'offshoot/element';
 *   const el = document.querySelector('offshoot-player');
 *   el.addEventListener('choice', (e) => console.log(e.detail.optionId));
 * </script>
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class OffshootPlayerElement extends Base {
  /** The attributes the element reacts to (see the class description). */
  static readonly observedAttributes = [
    'src',
    'autoplay',
    'muted',
    'controls',
    'persist',
    'base-url',
    'generation-url',
    'generation-token',
  ];
  private current: Player | null = null;
  private generation = 0;
  private storyObject: object | null = null;
  private pending: Promise<Player | null> = Promise.resolve(null);
  private scheduled = false;

  /** The player, once created (null while loading or when disconnected). */
  get player(): Player | null {
    return this.current;
  }

  /** Resolves with the player once the current `src`/`story` is set up. */
  get ready(): Promise<Player | null> {
    return this.pending;
  }

  /** A story object instead of `src` (e.g. from an editor). */
  get story(): object | null {
    return this.storyObject;
  }

  set story(value: object | null) {
    this.storyObject = value;
    this.schedule();
  }

  /** Custom-element lifecycle: builds the player (once per task). */
  connectedCallback(): void {
    if (!this.shadowRoot) {
      const shadow = this.attachShadow({ mode: 'open' });
      const stage = this.ownerDocument.createElement('div');
      stage.className = 'stage';
      shadow.append(stage);
      // A constructed sheet, not a <style>: a strict CSP (no 'unsafe-inline' styles) blocks the latter.
      adoptStyles(
        shadow,
        ':host{display:block;position:relative;aspect-ratio:16/9;background:#000;contain:content}:host([hidden]){display:none}.stage{position:absolute;inset:0}',
        stage,
      );
    }
    this.schedule();
  }

  /** Custom-element lifecycle: destroys the player. */
  disconnectedCallback(): void {
    this.generation++;
    this.current?.destroy();
    this.current = null;
  }

  /** Custom-element lifecycle: `muted` applies at once; the other attributes rebuild the player. */
  attributeChangedCallback(name: string, oldValue: string | null, value: string | null): void {
    if (oldValue === value || !this.isConnected) return;
    if (name === 'muted') this.current?.setMuted(value !== null);
    else if (RESTART_ATTRIBUTES.has(name)) this.schedule();
  }

  /** Play (resolves once playing; does nothing before the player exists). */
  play(): Promise<void> {
    return this.current?.play() ?? Promise.resolve();
  }

  /** Pause. */
  pause(): void {
    this.current?.pause();
  }

  /** Take an option of the open choice (same as the viewer clicking it). */
  choose(optionId: string): void {
    this.current?.choose(optionId);
  }

  /** Go back to the previous choice point. */
  back(): void {
    this.current?.back();
  }

  /** The viewer's place as plain JSON (null before the player exists). */
  snapshot(): StorySnapshot | null {
    return this.current?.snapshot() ?? null;
  }

  /** Jump to a saved place (rejects when there is no player yet). */
  restore(snapshot: StorySnapshot): Promise<void> {
    return this.current?.restore(snapshot) ?? Promise.reject(new Error('offshoot-player: no player yet'));
  }

  /** What the player measured (null before the player exists). */
  getStats(): PlayerStats | null {
    return this.current?.getStats() ?? null;
  }

  /**
   * `generation-url` (and `generation-token`, a viewer token your server issued) point
   * `generate` segments at a backend; set `generationToken` as a property to keep the token
   * out of the DOM.
   */
  generationToken: string | null = null;

  private generationOptions(): { baseUrl: string; token?: string } | undefined {
    const baseUrl = this.getAttribute('generation-url');
    if (!baseUrl) return undefined;
    const token = this.generationToken ?? this.getAttribute('generation-token');
    return token ? { baseUrl, token } : { baseUrl };
  }

  /** Rebuild once per task, however many attributes changed in it. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.pending = new Promise((resolve) => {
      queueMicrotask(() => {
        this.scheduled = false;
        resolve(this.rebuild());
      });
    });
  }

  private async rebuild(): Promise<Player | null> {
    const generation = ++this.generation;
    this.current?.destroy();
    this.current = null;
    const stage = this.shadowRoot?.querySelector<HTMLElement>('.stage');
    const story = this.storyObject ?? this.getAttribute('src');
    if (!this.isConnected || !stage || !story) return null;
    // DOM events from the task after the player is ready, so listeners added after `await el.ready` see them all.
    const events = deferredDispatch(this, () => generation === this.generation);
    const player = await createPlayer(stage, {
      story,
      baseUrl: this.getAttribute('base-url') ?? undefined,
      autoplay: this.hasAttribute('autoplay'),
      muted: this.hasAttribute('muted'),
      controls: this.hasAttribute('controls') && this.getAttribute('controls') !== 'false',
      persist: this.hasAttribute('persist'),
      generation: this.generationOptions(),
      on: events.on,
    });
    if (generation !== this.generation) {
      player.destroy();
      return null;
    }
    this.current = player;
    events.open();
    return player;
  }
}

/**
 * Register `<offshoot-player>` (or another tag name). Does nothing when the name is taken,
 * so two copies of the SDK on one page do not throw.
 *
 * @example
 * defineOffshootPlayer();
 * document.body.append(Object.assign(document.createElement('offshoot-player'), { story }));
 */
export function defineOffshootPlayer(name = 'offshoot-player'): void {
  if (typeof customElements === 'undefined' || customElements.get(name)) return;
  customElements.define(
    name,
    name === 'offshoot-player' ? OffshootPlayerElement : class extends OffshootPlayerElement {},
  );
}

// Typed overloads for the player's events (`e.detail` is the payload). Declaration merging
// is the way to add overloads to a method the class inherits from HTMLElement.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface OffshootPlayerElement {
  addEventListener<K extends keyof OffshootPlayerEventMap>(
    type: K,
    listener: (this: OffshootPlayerElement, event: OffshootPlayerEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: OffshootPlayerElement, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof OffshootPlayerEventMap>(
    type: K,
    listener: (this: OffshootPlayerElement, event: OffshootPlayerEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'offshoot-player': OffshootPlayerElement;
  }
}
