import { Container, Graphics, Text } from 'pixi.js';
import type { Caption } from '../../core/story/Story.js';
import { theme } from './theme.js';

/**
 * Captions over the video: white text on a dark rounded backdrop, kept above the
 * choice panel when one is open. Which line shows is picked from the segment time.
 *
 * @example
 * const captions = new CaptionLayer(app.stage);
 * captions.setCaptions([{ from: 0, to: 2, text: 'Hello' }]);
 * captions.update(1, 640, 360, 1, 360);
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
  private captions: Caption[] = [];
  private shown: string | null = null;
  private geometry = '';

  constructor(parent: Container) {
    this.text.anchor.set(0.5, 1);
    this.view.addChild(this.bg, this.text);
    this.view.visible = false;
    parent.addChild(this.view);
  }

  setCaptions(captions: Caption[] | undefined): void {
    this.captions = captions ?? [];
    this.shown = null;
    this.view.visible = false;
  }

  /** The caption line on screen now, or null. */
  get current(): string | null {
    return this.shown;
  }

  /** Show the line for segment time `t`; `bottom` is the y the captions must stay above. */
  update(t: number, width: number, _height: number, scale: number, bottom: number): void {
    const line = this.captions.find((c) => t >= c.from && t < c.to)?.text ?? null;
    const geometry = `${width}|${scale}|${bottom}`;
    if (line === this.shown && geometry === this.geometry) return;
    this.shown = line;
    this.geometry = geometry;
    this.view.visible = line !== null;
    if (line === null) return;
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
  }
}
