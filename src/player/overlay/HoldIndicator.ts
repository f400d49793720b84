import { BitmapText, Container, Graphics, Text } from 'pixi.js';
import { theme } from './theme.js';

/**
 * "Generating…" card shown while playback holds for a late generated branch, with a
 * progress bar and percentage. The percentage changes often, so it is a BitmapText.
 *
 * @example
 * const hold = new HoldIndicator(app.stage);
 * hold.set(0.4, 'Generating the next scene…');
 */
export class HoldIndicator {
  readonly view = new Container({ label: 'hold' });
  private readonly bg = new Graphics();
  private readonly bar = new Graphics();
  private readonly spinner = new Graphics();
  private readonly label = new Text({
    text: '',
    style: { fontFamily: theme.fontFamily, fontSize: 16, fill: theme.text, fontWeight: '600' },
  });
  private readonly percent = new BitmapText({
    text: '',
    style: { fontFamily: theme.fontFamily, fontSize: 14, fill: theme.mutedText },
  });
  private progress = 0;
  private width = 0;
  private height = 0;
  private scale = 1;

  constructor(parent: Container) {
    this.label.anchor.set(0.5);
    this.percent.anchor.set(0.5, 0);
    this.view.addChild(this.bg, this.spinner, this.label, this.bar, this.percent);
    this.view.visible = false;
    parent.addChild(this.view);
  }

  get shown(): boolean {
    return this.view.visible;
  }

  /** Show with `progress` 0..1 (null: unknown) and a message; `hide()` removes it. */
  set(progress: number | null, message: string): void {
    this.view.visible = true;
    this.progress = progress ?? 0;
    this.label.text = message;
    this.percent.text = progress === null ? '' : `${Math.round(this.progress * 100)}%`;
    this.layout(this.width, this.height, this.scale);
  }

  hide(): void {
    this.view.visible = false;
  }

  layout(width: number, height: number, scale: number): void {
    this.width = width;
    this.height = height;
    this.scale = scale;
    if (!this.view.visible) return;
    const w = Math.min(width - 40 * scale, 300 * scale);
    const h = 96 * scale;
    const x = (width - w) / 2;
    const y = (height - h) / 2;
    this.bg
      .clear()
      .roundRect(x, y, w, h, theme.panelRadius * scale)
      .fill({ color: theme.panel, alpha: theme.panelAlpha });
    this.label.style.fontSize = Math.round(16 * scale);
    this.label.position.set(width / 2, y + 30 * scale);
    const bw = w - 40 * scale;
    const bh = theme.barHeight * scale;
    this.bar
      .clear()
      .roundRect(x + 20 * scale, y + 52 * scale, bw, bh, bh / 2)
      .fill({ color: 0xffffff, alpha: 0.2 });
    if (this.progress > 0)
      this.bar
        .roundRect(x + 20 * scale, y + 52 * scale, Math.max(bh, bw * this.progress), bh, bh / 2)
        .fill({ color: theme.accent });
    this.percent.style.fontSize = Math.round(13 * scale);
    this.percent.position.set(width / 2, y + 64 * scale);
    const r = 7 * scale;
    this.spinner.position.set(x + 20 * scale + r, y + 30 * scale);
    this.spinner
      .clear()
      .arc(0, 0, r, 0, Math.PI * 1.4)
      .stroke({ width: 2 * scale, color: theme.accent });
  }

  tick(dtMs: number, motion: boolean): void {
    if (motion && this.view.visible) this.spinner.rotation = (this.spinner.rotation + dtMs * 0.008) % (Math.PI * 2);
  }
}
