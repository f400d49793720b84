import { Container, Graphics, Text } from 'pixi.js';
import type { TextStyle } from 'pixi.js';
import type { Rect } from './layout.js';
import { theme } from './theme.js';
import type { TextStyles } from './TextStyles.js';

/**
 * One option as drawn on the canvas: a rounded button with its label and, while its
 * branch is still being generated, a small progress ring in the corner.
 *
 * @example
 * const b = new OptionButton(panel, 'Take the left path', new TextStyles(theme.fontFamily));
 * b.layout({ x: 0, y: 0, width: 200, height: 48 }, 1);
 */
export class OptionButton {
  readonly view = new Container({ label: 'option' });
  private readonly bg = new Graphics();
  private readonly mark = new Graphics();
  private readonly text: Text;
  private rect: Rect = { x: 0, y: 0, width: 0, height: 0 };
  private scale = 1;
  private wrapWidth = 100;
  focused = false;
  chosen = false;
  ready = true;

  constructor(
    parent: Container,
    label: string,
    private readonly styles: TextStyles,
  ) {
    this.text = new Text({ text: label, style: this.look() });
    this.text.anchor.set(0.5);
    this.view.addChild(this.bg, this.text, this.mark);
    parent.addChild(this.view);
  }

  get label(): string {
    return this.text.text;
  }

  layout(rect: Rect, scale: number): void {
    this.rect = rect;
    this.scale = scale;
    const pad = 12 * scale;
    this.wrapWidth = Math.max(10, Math.round(rect.width - 2 * pad));
    this.text.style = this.look();
    this.text.scale.set(1);
    // Long labels shrink to fit rather than spill out of the button.
    const fit = Math.min(
      1,
      (rect.width - 2 * pad) / Math.max(1, this.text.width),
      (rect.height - pad / 2) / Math.max(1, this.text.height),
    );
    this.text.scale.set(fit);
    this.text.position.set(rect.x + rect.width / 2, rect.y + rect.height / 2);
    this.redraw();
  }

  redraw(): void {
    const { x, y, width, height } = this.rect;
    const radius = theme.panelRadius * this.scale * 0.8;
    const fill = this.chosen ? theme.accent : this.focused ? 0x2b3446 : 0x1b2130;
    this.bg.clear().roundRect(x, y, width, height, radius).fill({ color: fill, alpha: 0.95 });
    if (this.focused || this.chosen)
      this.bg.stroke({ width: 2 * this.scale, color: this.chosen ? 0xffffff : theme.accent });
    else this.bg.stroke({ width: 1 * this.scale, color: 0xffffff, alpha: 0.25 });
    const look = this.look();
    if (this.text.style !== look) this.text.style = look;
    this.drawMark();
  }

  private look(): TextStyle {
    const fill = this.chosen ? 0x06121c : theme.text;
    return this.styles.get({
      fontSize: Math.round(theme.optionSize * this.scale),
      fill,
      fontWeight: '600',
      align: 'center',
      wordWrapWidth: this.wrapWidth,
    });
  }

  /** Spin the readiness ring (`angle` radians); static when motion is reduced. */
  spin(angle: number): void {
    this.mark.rotation = angle;
  }

  private drawMark(): void {
    this.mark.clear();
    this.mark.visible = !this.ready;
    if (this.ready) return;
    const r = 5 * this.scale;
    this.mark.position.set(this.rect.x + this.rect.width - r - 6 * this.scale, this.rect.y + r + 6 * this.scale);
    this.mark.circle(0, 0, r).stroke({ width: 1.5 * this.scale, color: 0xffffff, alpha: 0.25 });
    this.mark.arc(0, 0, r, 0, Math.PI * 1.2).stroke({ width: 1.5 * this.scale, color: theme.accent });
  }
}
