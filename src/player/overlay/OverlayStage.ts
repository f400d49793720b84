import { Application, Container, Ticker } from 'pixi.js';
// Not what its name says: it swaps pixi's generated shader/uniform code (new Function) for
// plain functions, so the overlay runs under a Content-Security-Policy without 'unsafe-eval'.
import 'pixi.js/unsafe-eval';
import { CaptionLayer } from './CaptionLayer.js';
import { ChoicePanel } from './ChoicePanel.js';
import { HoldIndicator } from './HoldIndicator.js';
import type { OverlayOption } from './OverlayEvents.js';
import { theme } from './theme.js';
import { TextStyles } from './TextStyles.js';

/**
 * The pixi side of the overlay: a WebGL renderer on a transparent canvas over the natively
 * shown `<video>`, drawing only the overlays (captions, the hold card, choice panels).
 * It never draws on its own: no ticker runs, and `render()` is called by the overlay when
 * something changed. This module (and pixi with it) is loaded only when the overlay first
 * needs to draw, so the renderer's start never delays the video's first frame.
 *
 * @example
 * const stage = await OverlayStage.create(canvas, 640, 360, devicePixelRatio);
 * stage.captions.draw('Hello', 640, 1, 340);
 * stage.render();
 */
export class OverlayStage {
  readonly root = new Container();
  readonly captions: CaptionLayer;
  readonly hold: HoldIndicator;
  /** Shared with every panel, so pixi's text caches see the same styles. */
  readonly styles = new TextStyles(theme.fontFamily);

  private constructor(private readonly app: Application) {
    app.stage.addChild(this.root);
    this.captions = new CaptionLayer(this.root);
    this.hold = new HoldIndicator(this.root);
  }

  static async create(
    canvas: HTMLCanvasElement,
    width: number,
    height: number,
    resolution: number,
  ): Promise<OverlayStage> {
    const app = new Application();
    await app.init({
      canvas,
      preference: 'webgl',
      backgroundAlpha: 0,
      antialias: true,
      resolution,
      autoDensity: true,
      width,
      height,
      // Rendered on demand only (OverlayStage.render), never by a ticker.
      autoStart: false,
      sharedTicker: false,
      // Our own DOM twins are the accessible layer; pixi's would steal Tab.
      accessibilityOptions: { activateOnTab: false },
      eventFeatures: { move: false, globalMove: false, click: false, wheel: false },
    });
    app.ticker.stop();
    const renderer = app.renderer as unknown as {
      events?: { setTargetElement(element: HTMLElement | null): void };
      scheduler?: { _update(): void };
    };
    // The canvas takes no input (pointer-events: none; the DOM twins do), so pixi's event
    // system needs no DOM listeners, and its per-frame pointer check on the global system
    // ticker must not run: it would wake the page on every frame of plain playback.
    renderer.events?.setTargetElement(null);
    // The renderer's own scheduler (texture garbage collection) also rides that ticker: it
    // runs after each of our renders instead, which is when there is anything to collect.
    if (renderer.scheduler) Ticker.system.remove(renderer.scheduler._update, renderer.scheduler);
    return new OverlayStage(app);
  }

  get canvas(): HTMLCanvasElement {
    return this.app.canvas;
  }

  resize(width: number, height: number): void {
    if (width !== this.app.renderer.width || height !== this.app.renderer.height)
      this.app.renderer.resize(width, height);
  }

  /** Draw the stage once. */
  render(): void {
    this.app.render();
    (this.app.renderer as unknown as { scheduler?: { _update(): void } }).scheduler?._update();
  }

  /** A choice panel on this stage (the overlay's ChoiceWindow owns it). */
  createPanel(prompt: string, options: OverlayOption[]): ChoicePanel {
    return new ChoicePanel(this.root, prompt, options, this.styles);
  }

  destroy(): void {
    // Texture.WHITE and cached glyph textures are shared: destroy nodes, not textures.
    this.app.destroy({ removeView: false }, { children: true });
  }
}
