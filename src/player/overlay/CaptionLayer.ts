import { Container, Graphics, Text } from 'pixi.js';
import { theme } from './theme.js';

/**
 * Captions over the video: white text on a dark rounded backdrop, kept above the
 * choice panel when one is open. Which line shows is the overlay's business (`captionAt`);
 * this only draws it, and only when the line or the geometry changed.
 *
 * @example
 * const captions = new CaptionLayer(app.stage);
 * captions.draw('Hello', 640, 1, 340);
 */
export class CaptionLayer {
  readonly view = new Container({ label: 'captions' });
  private readonly bg = new Graphics();
  private readonly text = new Text({
    text: '',
    style: {
      fontFamily: theme.fontFamily,
      fontSize: theme.captionSize,
      fill: theme.text,
      align: 'center',
      wordWrap: true,
      lineHeight: theme.captionSize * 1.3,
    },
  });
  private shown: string | null = null;
  private geometry = '';

  constructor(parent: Container) {
    this.text.anchor.set(0.5, 1);
    this.view.addChild(this.bg, this.text);
    this.view.visible = false;
    parent.addChild(this.view);
  }

  /** Show `line` (null: none) centred on a `width`-wide stage, above `bottom`. Returns whether anything changed. */
  draw(line: string | null, width: number, scale: number, bottom: number): boolean {
    const geometry = `${width}|${scale}|${bottom}`;
    if (line === this.shown && (line === null || geometry === this.geometry)) return false;
    this.shown = line;
    this.geometry = geometry;
    this.view.visible = line !== null;
    if (line === null) return true;
    const pad = 8 * scale;
    this.text.text = line;
    this.text.style.fontSize = Math.round(theme.captionSize * scale);
    this.text.style.lineHeight = Math.round(theme.captionSize * scale * 1.3);
    this.text.style.wordWrapWidth = Math.max(40, width * 0.8);
    this.text.position.set(width / 2, bottom - pad);
    const w = this.text.width + 2 * pad;
    const h = this.text.height + pad;
    this.bg
      .clear()
      .roundRect(width / 2 - w / 2, bottom - h - pad / 2, w, h, 6 * scale)
      .fill({ color: 0x000000, alpha: 0.72 });
    return true;
  }
}
