import { BitmapText, Container, Graphics, Sprite, Texture } from 'pixi.js';
import type { TextStyle } from 'pixi.js';
import type { Rect } from './layout.js';
import { theme } from './theme.js';
import type { TextStyles } from './TextStyles.js';

/**
 * The time-left bar under the options: a track, a fill that shrinks toward zero and the
 * whole seconds left. The number changes while the bar runs, so it is a BitmapText
 * (glyphs uploaded once) rather than a Text re-rasterised each second.
 *
 * @example
 * const bar = new CountdownBar(panel, new TextStyles(theme.fontFamily));
 * bar.layout({ x: 0, y: 0, width: 300, height: 6 }, 1);
 * bar.set(0.5, 4.2);
 */
export class CountdownBar {
  readonly view = new Container({ label: 'countdown' });
  private readonly track = new Graphics();
  private readonly fill = new Sprite(Texture.WHITE);
  private readonly seconds: BitmapText;
  private rect: Rect = { x: 0, y: 0, width: 0, height: 0 };

  constructor(
    parent: Container,
    private readonly styles: TextStyles,
  ) {
    this.seconds = new BitmapText({ text: '', style: this.look(1) });
    this.fill.tint = theme.accent;
    this.seconds.anchor.set(1, 1);
    this.view.addChild(this.track, this.fill, this.seconds);
    parent.addChild(this.view);
  }

  layout(rect: Rect, scale: number): void {
    this.rect = rect;
    const r = rect.height / 2;
    this.track.clear().roundRect(rect.x, rect.y, rect.width, rect.height, r).fill({ color: 0xffffff, alpha: 0.22 });
    this.fill.position.set(rect.x, rect.y);
    this.fill.height = rect.height;
    this.seconds.style = this.look(scale);
    this.seconds.position.set(rect.x + rect.width, rect.y - 4 * scale);
  }

  private look(scale: number): TextStyle {
    return this.styles.get({ fontSize: Math.round(13 * scale), fill: theme.mutedText, fontWeight: '600' });
  }

  /** `fraction` of the window left (1 → 0) and seconds left. */
  set(fraction: number, secondsLeft: number): void {
    const f = Math.max(0, Math.min(1, fraction));
    this.fill.width = this.rect.width * f;
    this.fill.tint = secondsLeft <= 3 ? theme.warn : theme.accent;
    const text = String(Math.max(0, Math.ceil(secondsLeft)));
    if (this.seconds.text !== text) this.seconds.text = text;
  }
}
