import type { EventHub } from '../../core/events/EventHub.js';
import type { ChoiceTwins } from '../a11y/ChoiceTwins.js';
import { dueAnnouncement, secondsPhrase, ANNOUNCE_AT_SECONDS } from '../a11y/countdownAnnouncements.js';
import type { LiveAnnouncer } from '../a11y/LiveAnnouncer.js';
import type { ChoicePanel } from './ChoicePanel.js';
import { layoutChoices } from './layoutChoices.js';
import type { ChoiceLayout } from './layoutChoices.js';
import type { OverlayChoice, OverlayEvents, OverlayOption } from './OverlayEvents.js';
import { theme } from './theme.js';

/** What draws panels: the overlay's pixi stage, once it has started. */
export interface PanelMaker {
  createPanel(prompt: string, options: OverlayOption[]): ChoicePanel;
}

export interface ChoiceWindowHost {
  /** The stage that draws the panel, or null while it is not started (the twins work without it). */
  panels: () => PanelMaker | null;
  twins: ChoiceTwins;
  live: LiveAnnouncer;
  time: () => number;
  motion: () => boolean;
  hub: EventHub<OverlayEvents>;
  autoFocus: boolean;
  container: HTMLElement;
}

/**
 * One open choice: keeps the canvas panel, its DOM twins, the countdown and the spoken
 * announcements in step (open → time marks → confirm transition → gone). The twins and the
 * announcements work from the start; the drawn panel joins when the stage has started
 * (`attachStage`).
 *
 * @example
 * const win = new ChoiceWindow(host);
 * win.show({ segmentId: 'intro', prompt: 'Which way?', options, until: 8 });
 */
export class ChoiceWindow {
  private panel: ChoicePanel | null = null;
  private choice: OverlayChoice | null = null;
  private openedAt = 0;
  private said = new Set<number>();
  private layoutCache: ChoiceLayout | null = null;
  private size = { width: 1, height: 1, scale: 1 };
  private pending: (() => void) | null = null;
  /** Readiness changes and the focused option since `show`, for a panel drawn later. */
  private readiness = new Map<string, boolean>();
  private focused: string | null = null;

  constructor(private readonly host: ChoiceWindowHost) {}

  get open(): boolean {
    return this.choice !== null;
  }

  get transitioning(): boolean {
    return this.panel?.transitioning ?? false;
  }

  show(choice: OverlayChoice): void {
    this.hide();
    const { host } = this;
    this.choice = choice;
    this.readiness = new Map();
    this.focused = null;
    this.openedAt = host.time();
    this.layoutCache = layoutChoices(this.size.width, this.size.height, choice.options.length, this.size.scale);
    this.attachStage();
    host.twins.show(choice.prompt, choice.options, this.layoutCache.options);
    const left = choice.until - this.openedAt;
    this.said = new Set(ANNOUNCE_AT_SECONDS.filter((mark) => mark >= left - 0.5));
    const labels = choice.options.map((o) => o.label).join(', ');
    host.live.announce(`${choice.prompt} Options: ${labels}. ${secondsPhrase(left)} to choose.`);
    const active = host.container.ownerDocument.activeElement;
    if (host.autoFocus && (!active || active === host.container.ownerDocument.body || host.container.contains(active)))
      host.twins.focus(0);
  }

  /** The viewer's (or the default's) choice is locked: transition, then remove. */
  confirm(optionId: string, byDefault: boolean): Promise<void> {
    const { panel, choice, host } = this;
    if (!choice) return Promise.resolve();
    const label = choice.options.find((o) => o.id === optionId)?.label ?? optionId;
    host.live.announce(byDefault ? `Time's up. Going with ${label}.` : `You chose ${label}.`);
    host.twins.lock();
    this.choice = null;
    // Nothing drawn yet (the stage is still starting): no transition to show.
    if (!panel) {
      this.hide();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.pending = resolve;
      panel.confirm(optionId, host.motion() ? theme.transitionMs : 0, () => this.hide());
    });
  }

  /** The stage has started: draw the open choice's panel (nothing to do when none is open). */
  attachStage(): void {
    const maker = this.host.panels();
    const choice = this.choice;
    if (!maker || !choice || this.panel) return;
    this.panel = maker.createPanel(choice.prompt, choice.options);
    this.layoutPanel();
    for (const [id, ready] of this.readiness) this.panel.setReady(id, ready);
    this.panel.setFocused(this.focused);
  }

  hide(): void {
    this.panel?.destroy();
    this.panel = null;
    this.choice = null;
    this.layoutCache = null;
    this.host.twins.hide();
    const pending = this.pending;
    this.pending = null;
    pending?.();
  }

  setReady(optionId: string, ready: boolean): void {
    this.readiness.set(optionId, ready);
    this.panel?.setReady(optionId, ready);
    this.host.twins.setReady(optionId, ready);
  }

  setFocused(optionId: string | null): void {
    this.focused = optionId;
    this.panel?.setFocused(optionId);
  }

  layout(width: number, height: number, scale: number): void {
    this.size = { width, height, scale };
    this.layoutPanel();
    if (this.layoutCache) this.host.twins.layout(this.layoutCache.options);
  }

  /** Top edge of the panel (captions stay above it), or `fallback` when none is shown. */
  top(fallback: number): number {
    return this.layoutCache ? this.layoutCache.panel.y - 8 * this.size.scale : fallback;
  }

  /** Whether a panel is drawn (open, or in its confirm transition). */
  get drawn(): boolean {
    return this.panel !== null;
  }

  tick(dtMs: number, now: number): void {
    const { panel, choice } = this;
    panel?.tick(dtMs, this.host.motion());
    if (!choice) return;
    const left = Math.max(0, choice.until - now);
    const span = Math.max(0.001, choice.until - this.openedAt);
    panel?.countdown.set(left / span, left);
    if (dueAnnouncement(left, this.said) !== null) this.host.live.announce(`${secondsPhrase(left)} left.`);
  }

  destroy(): void {
    this.hide();
  }

  private layoutPanel(): void {
    const count = this.choice?.options.length ?? this.panel?.options.length;
    if (count === undefined || !this.layoutCache) return;
    const { width, height, scale } = this.size;
    this.layoutCache = layoutChoices(width, height, count, scale);
    this.panel?.layout(this.layoutCache, scale);
  }
}
