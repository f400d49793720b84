import { Container, Graphics, Text } from 'pixi.js';
import type { TextStyle } from 'pixi.js';
import { CountdownBar } from './CountdownBar.js';
import type { ChoiceLayout } from './layoutChoices.js';
import { OptionButton } from './OptionButton.js';
import type { OverlayOption } from './OverlayEvents.js';
import { theme } from './theme.js';
import type { TextStyles } from './TextStyles.js';

/**
 * The choice prompt, its option buttons and the countdown, drawn on the canvas.
 * `confirm` plays the short "chosen" transition; `tick` advances it.
 *
 * @example
 * const panel = new ChoicePanel(app.stage, 'Which way?', [{ id: 'l', label: 'Left' }], new TextStyles(theme.fontFamily));
 * panel.layout(layoutChoices(640, 360, 1, 1), 1);
 */
export class ChoicePanel {
  readonly view = new Container({ label: 'choice' });
  readonly countdown: CountdownBar;
  readonly buttons: OptionButton[];
  private readonly bg = new Graphics();
  private readonly prompt: Text;
  private transition: { elapsed: number; duration: number; done: () => void } | null = null;
  private spinAngle = 0;

  constructor(
    parent: Container,
    prompt: string,
    readonly options: OverlayOption[],
    private readonly styles: TextStyles,
  ) {
    this.prompt = new Text({ text: prompt, style: this.promptLook(1, 100) });
    this.prompt.anchor.set(0.5);
    this.view.addChild(this.bg, this.prompt);
    this.buttons = options.map((o) => {
      const b = new OptionButton(this.view, o.label, styles);
      b.ready = o.ready !== false;
      return b;
    });
    this.countdown = new CountdownBar(this.view, styles);
    parent.addChild(this.view);
  }

  get promptText(): string {
    return this.prompt.text;
  }

  layout(l: ChoiceLayout, scale: number): void {
    this.bg
      .clear()
      .roundRect(l.panel.x, l.panel.y, l.panel.width, l.panel.height, theme.panelRadius * scale)
      .fill({ color: theme.panel, alpha: theme.panelAlpha });
    this.prompt.style = this.promptLook(scale, l.prompt.width);
    this.prompt.scale.set(1);
    this.prompt.scale.set(Math.min(1, l.prompt.height / Math.max(1, this.prompt.height)));
    this.prompt.position.set(l.prompt.x + l.prompt.width / 2, l.prompt.y + l.prompt.height / 2);
    this.buttons.forEach((b, i) => {
      const r = l.options[i];
      if (r) b.layout(r, scale);
    });
    this.countdown.layout(l.countdown, scale);
  }

  setFocused(optionId: string | null): void {
    this.options.forEach((o, i) => {
      const b = this.buttons[i];
      if (!b || b.focused === (o.id === optionId)) return;
      b.focused = o.id === optionId;
      b.redraw();
    });
  }

  setReady(optionId: string, ready: boolean): void {
    const i = this.options.findIndex((o) => o.id === optionId);
    const b = this.buttons[i];
    if (!b || b.ready === ready) return;
    b.ready = ready;
    b.redraw();
  }

  /** Mark `optionId` chosen; with `durationMs` 0 (reduced motion) `done` runs at once. */
  confirm(optionId: string, durationMs: number, done: () => void): void {
    this.options.forEach((o, i) => {
      const b = this.buttons[i];
      if (!b) return;
      b.chosen = o.id === optionId;
      b.redraw();
    });
    if (durationMs <= 0) {
      done();
      return;
    }
    this.transition = { elapsed: 0, duration: durationMs, done };
  }

  get transitioning(): boolean {
    return this.transition !== null;
  }

  /** Advance animations by `dtMs`; `motion` false keeps everything still. */
  tick(dtMs: number, motion: boolean): void {
    if (motion) {
      this.spinAngle = (this.spinAngle + dtMs * 0.006) % (Math.PI * 2);
      for (const b of this.buttons) if (!b.ready) b.spin(this.spinAngle);
    }
    const t = this.transition;
    if (!t) return;
    t.elapsed += dtMs;
    const p = Math.min(1, t.elapsed / t.duration);
    // Unchosen options fade first, then the whole panel slides down and fades.
    this.buttons.forEach((b) => {
      if (!b.chosen) b.view.alpha = Math.max(0, 1 - p * 2);
    });
    const late = Math.max(0, (p - 0.5) * 2);
    this.view.alpha = 1 - late;
    this.view.y = late * 16;
    if (p >= 1) {
      this.transition = null;
      t.done();
    }
  }

  private promptLook(scale: number, width: number): TextStyle {
    return this.styles.get({
      fontSize: Math.round(theme.promptSize * scale),
      fill: theme.text,
      fontWeight: '700',
      align: 'center',
      wordWrapWidth: Math.max(10, Math.round(width)),
    });
  }

  destroy(): void {
    // `context: true` too: pixi destroys a Graphics' own context only when asked (or when
    // destroy() gets no options), and the renderer keeps a context's GPU batches until then:
    // without it every choice left its panel's geometry behind (the soak bench's heap grew).
    this.view.destroy({ children: true, context: true });
  }
}
