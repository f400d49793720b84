import { Application, Container } from 'pixi.js';
// Not what its name says: it swaps pixi's generated shader/uniform code (new Function) for
// plain functions, so the overlay runs under a Content-Security-Policy without 'unsafe-eval'.
import 'pixi.js/unsafe-eval';
import { EventHub } from '../../core/events/EventHub.js';
import { ChoiceTwins } from '../a11y/ChoiceTwins.js';
import { LiveAnnouncer } from '../a11y/LiveAnnouncer.js';
import { prefersReducedMotion } from '../a11y/prefersReducedMotion.js';
import { createControls } from '../controls/createControls.js';
import { CaptionLayer } from './CaptionLayer.js';
import { ChoiceWindow } from './ChoiceWindow.js';
import { HoldIndicator } from './HoldIndicator.js';
import type { Overlay, OverlayOptions } from './Overlay.js';
import type { OverlayEvents } from './OverlayEvents.js';
import { adoptStyles } from './adoptStyles.js';
import { overlayStyles } from './overlayStyles.js';
import { scaleFor, theme } from './theme.js';
import { VideoLayer } from './VideoLayer.js';
import { TextStyles } from './TextStyles.js';

/**
 * Create the overlay compositor inside `container` (which should be positioned, e.g.
 * `position: relative`, and sized): a pixi WebGL stage that follows the container's size,
 * plus focusable DOM twins, a live region and (optionally) the control bar.
 *
 * @example
 * const overlay = await createOverlay(root, { time: () => engine.segmentTime() });
 * overlay.attachVideo(video);
 * overlay.on('choice-request', ({ optionId }) => actor.send({ type: 'CHOOSE', optionId }));
 * overlay.showChoice({ segmentId: 'intro', prompt: 'Which way?', options: [{ id: 'l', label: 'Left' }], until: 8 });
 */
export async function createOverlay(container: HTMLElement, options: OverlayOptions = {}): Promise<Overlay> {
  const doc = container.ownerDocument;
  const win = doc.defaultView ?? window;
  const hub = new EventHub<OverlayEvents>();
  const time = options.time ?? (() => 0);
  const motion = (): boolean => !(options.reducedMotion ?? prefersReducedMotion(win));

  const element = doc.createElement('div');
  element.className = 'osp-overlay';
  container.appendChild(element);
  adoptStyles(container, overlayStyles, element);

  const app = new Application();
  try {
    await app.init({
      preference: 'webgl',
      backgroundAlpha: 0,
      antialias: true,
      resolution: win.devicePixelRatio || 1,
      autoDensity: true,
      width: Math.max(1, element.clientWidth),
      height: Math.max(1, element.clientHeight),
      // Our own DOM twins are the accessible layer; pixi's would steal Tab.
      accessibilityOptions: { activateOnTab: false },
      eventFeatures: { move: false, globalMove: false, click: false, wheel: false },
    });
  } catch (error) {
    element.remove();
    throw error;
  }
  app.canvas.setAttribute('aria-hidden', 'true');
  element.prepend(app.canvas);

  const stage = new Container();
  app.stage.addChild(stage);
  const live = new LiveAnnouncer(element);
  const video = new VideoLayer(stage, () => relayout());
  const captions = new CaptionLayer(stage);
  const hold = new HoldIndicator(stage);
  const twins = new ChoiceTwins(element, {
    onChoose: (optionId) => hub.emit('choice-request', { optionId }),
    onFocus: (optionId) => choice.setFocused(optionId),
  });
  const styles = new TextStyles(theme.fontFamily);
  const choice = new ChoiceWindow({
    stage,
    twins,
    live,
    time,
    motion,
    hub,
    autoFocus: options.autoFocus !== false,
    container,
    styles,
  });
  const controls = options.controls === false ? null : createControls(element, hub);
  const message = doc.createElement('div');
  message.className = 'osp-message';
  message.setAttribute('role', 'alert');
  message.hidden = true;
  element.appendChild(message);

  let size = { width: 0, height: 0, scale: 1 };
  function relayout(): void {
    const width = Math.max(1, element.clientWidth);
    const height = Math.max(1, element.clientHeight);
    if (width !== app.renderer.width || height !== app.renderer.height) app.renderer.resize(width, height);
    size = { width, height, scale: scaleFor(width, height) };
    video.layout(width, height);
    hold.layout(width, height, size.scale);
    choice.layout(width, height, size.scale);
  }
  relayout();
  const resizeObserver = new ResizeObserver(() => relayout());
  resizeObserver.observe(element);

  const onTick = (): void => {
    const dt = app.ticker.deltaMS;
    const t = time();
    choice.tick(dt, t);
    hold.tick(dt, motion());
    captions.update(t, size.width, size.height, size.scale, choice.top(size.height - 20 * size.scale));
  };
  app.ticker.add(onTick);

  // Arrow keys anywhere in the player jump into an open choice (TV remotes start there).
  const onKeyDown = (event: KeyboardEvent): void => {
    if (!twins.isOpen() || twins.element.contains(event.target as Node)) return;
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(event.key)) return;
    event.preventDefault();
    twins.focus(0);
  };
  container.addEventListener('keydown', onKeyDown);

  let destroyed = false;
  return {
    element,
    canvas: app.canvas,
    attachVideo: (v) => video.attach(v),
    detachVideo: () => video.detach(),
    showChoice: (c) => choice.show(c),
    confirmChoice: (optionId, o) => choice.confirm(optionId, o?.byDefault === true),
    hideChoice: () => choice.hide(),
    setOptionReady: (optionId, ready) => choice.setReady(optionId, ready),
    setCaptions: (c) => captions.setCaptions(c),
    setHold(h) {
      if (h) hold.set(h.progress, h.message ?? 'Generating the next scene…');
      else hold.hide();
    },
    showMessage(text) {
      message.textContent = text ?? '';
      message.hidden = text === null;
    },
    setControls: (s) => controls?.update(s),
    announce: (text) => live.announce(text),
    state: () => ({
      choiceOpen: choice.open,
      transitioning: choice.transitioning,
      caption: captions.current,
      holding: hold.shown,
      drawingVideo: video.drawing,
      message: message.hidden ? null : message.textContent,
    }),
    on: (type, handler) => hub.on(type, handler),
    off: (type, handler) => hub.off(type, handler),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      resizeObserver.disconnect();
      container.removeEventListener('keydown', onKeyDown);
      app.ticker.remove(onTick);
      choice.destroy();
      video.detach();
      twins.destroy();
      live.destroy();
      controls?.destroy();
      hub.removeAll();
      // Texture.WHITE and cached glyph textures are shared: destroy nodes, not textures.
      app.destroy({ removeView: true }, { children: true });
      element.remove();
    },
  };
}
