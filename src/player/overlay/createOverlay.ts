import { EventHub } from '../../core/events/EventHub.js';
import type { Caption } from '../../core/story/Story.js';
import type { SubtitleCue } from '../playback/subtitles/SubtitleTrack.js';
import { ChoiceTwins } from '../a11y/ChoiceTwins.js';
import { LiveAnnouncer } from '../a11y/LiveAnnouncer.js';
import { prefersReducedMotion } from '../a11y/prefersReducedMotion.js';
import { createControls } from '../controls/createControls.js';
import { captionAt } from './captionAt.js';
import { ChoiceWindow } from './ChoiceWindow.js';
import { FrameLoop } from './FrameLoop.js';
import type { Overlay, OverlayOptions, OverlayState } from './Overlay.js';
import type { OverlayEvents } from './OverlayEvents.js';
import type { OverlayStage } from './OverlayStage.js';
import { adoptStyles } from './adoptStyles.js';
import { overlayStyles } from './overlayStyles.js';
import { scaleFor } from './theme.js';
import { whenBufferedAhead } from './whenBufferedAhead.js';
import { whenLinkHasRoom } from './whenLinkHasRoom.js';

/** Seconds of video buffered ahead of the playhead before the renderer may start unasked. */
const WARM_UP_BUFFER_SECONDS = 2;
/**
 * The renderer's download as a host without compression serves it (the pixi chunks, measured
 * in bench/wild-media.bench.ts: ~525 KB); compressed it is smaller, so waiting for room for
 * this many bytes is on the safe side.
 */
export const RENDERER_BYTES = 525_000;

/**
 * Create the overlay compositor inside `container` (which should be positioned, e.g.
 * `position: relative`, and sized): a transparent canvas over the natively shown `<video>`,
 * plus focusable DOM twins, a live region and (optionally) the control bar.
 *
 * What makes it cheap (docs/decisions/0006-native-video-overlay.md): the browser shows the
 * video itself; the canvas draws only the overlays, only when one changes, and is hidden
 * while there is nothing to draw. Its pixi renderer is loaded and started only when
 * something must be drawn or, ahead of the first choice, once the attached video plays with
 * a few seconds buffered and the page is idle, so it never delays startup or stalls playback. Everything that is not
 * drawn (twins, announcements, countdown marks, controls, messages) works from the start.
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
  // `osp-no-canvas` until the renderer draws: the twins and caption text are shown as plain
  // DOM meanwhile (while pixi loads on a slow link, or for good without WebGL).
  element.className = 'osp-overlay osp-no-canvas';
  container.appendChild(element);
  adoptStyles(container, overlayStyles, element);
  const canvas = doc.createElement('canvas');
  canvas.setAttribute('aria-hidden', 'true');
  canvas.style.visibility = 'hidden';
  element.prepend(canvas);

  const live = new LiveAnnouncer(element);
  const twins = new ChoiceTwins(element, {
    onChoose: (optionId) => hub.emit('choice-request', { optionId }),
    onFocus: (optionId) => {
      choice.setFocused(optionId);
      invalidate();
    },
  });
  let stage: OverlayStage | null = null;
  const choice = new ChoiceWindow({
    panels: () => stage,
    twins,
    live,
    time,
    motion,
    hub,
    autoFocus: options.autoFocus !== false,
    container,
  });
  const controls = options.controls === false ? null : createControls(element, hub);
  const message = doc.createElement('div');
  message.className = 'osp-message';
  message.setAttribute('role', 'alert');
  message.hidden = true;
  element.appendChild(message);
  // The caption text as DOM text (never HTML): what the canvas draws, for the accessibility
  // tree and, without WebGL, shown in its place (controlStyles).
  const captionText = doc.createElement('div');
  captionText.className = 'osp-captions-text';
  element.appendChild(captionText);

  let captions: Caption[] = [];
  let subtitles: readonly SubtitleCue[] = [];
  let caption: string | null = null;
  let hold: { progress: number | null; message: string } | null = null;
  let size = { width: 1, height: 1, scale: 1 };
  let renderer: OverlayState['renderer'] = 'idle';
  let renders = 0;
  let dirty = false;
  let destroyed = false;
  let starting: Promise<void> | null = null;

  /** Load pixi and start the renderer on our canvas (once); a failure leaves the DOM twins visible. */
  function startStage(): Promise<void> {
    if (destroyed) return Promise.resolve();
    starting ??= (async () => {
      renderer = 'starting';
      try {
        const { OverlayStage } = await import('./OverlayStage.js');
        const made = await OverlayStage.create(canvas, size.width, size.height, win.devicePixelRatio || 1);
        if (destroyed) return made.destroy();
        stage = made;
        renderer = 'ready';
        element.classList.remove('osp-no-canvas');
        relayout();
        choice.attachStage();
        applyHold();
      } catch {
        if (destroyed) return;
        // No WebGL: the video still plays, and the options show as plain buttons.
        renderer = 'failed';
      }
    })();
    return starting;
  }

  function applyHold(): void {
    if (!stage) return;
    if (hold) stage.hold.set(hold.progress, hold.message);
    else stage.hold.hide();
  }

  /** Something drawn changed: draw on the next frame. */
  function invalidate(): void {
    dirty = true;
    loop.request();
  }

  const animating = (): boolean => choice.drawn || (hold !== null && motion());
  let drawnBefore = false;
  const loop = new FrameLoop(
    win,
    (dt) => {
      const t = time();
      choice.tick(dt, t);
      const line = captionAt(captions, t, subtitles);
      if (line !== caption) {
        caption = line;
        captionText.textContent = line ?? '';
        dirty = true;
        if (line !== null) void startStage();
      }
      if (!stage) return;
      // A panel that just went (its transition ended) must be cleared from the canvas.
      if (choice.drawn !== drawnBefore) dirty = true;
      drawnBefore = choice.drawn;
      stage.hold.tick(dt, motion());
      if (!dirty && !animating()) return;
      dirty = false;
      stage.captions.draw(caption, size.width, size.scale, choice.top(size.height - 20 * size.scale));
      const shown = choice.drawn || caption !== null || hold !== null;
      canvas.style.visibility = shown ? 'visible' : 'hidden';
      stage.render();
      renders++;
    },
    () => choice.open || animating() || captions.length > 0 || subtitles.length > 0 || caption !== null,
  );

  function relayout(): void {
    const width = Math.max(1, element.clientWidth);
    const height = Math.max(1, element.clientHeight);
    size = { width, height, scale: scaleFor(width, height) };
    stage?.resize(width, height);
    stage?.hold.layout(width, height, size.scale);
    choice.layout(width, height, size.scale);
    invalidate();
  }
  relayout();
  const resizeObserver = new ResizeObserver(() => relayout());
  resizeObserver.observe(element);

  // Arrow keys anywhere in the player jump into an open choice (TV remotes start there).
  const onKeyDown = (event: KeyboardEvent): void => {
    if (!twins.isOpen() || twins.element.contains(event.target as Node)) return;
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(event.key)) return;
    event.preventDefault();
    twins.focus(0);
  };
  container.addEventListener('keydown', onKeyDown);

  // Ahead of the first choice, the renderer starts once the attached video plays with a few
  // seconds buffered and the page is idle (see whenBufferedAhead for why not sooner).
  // On a link the media nearly fills, it then waits until the link has room for its download
  // (options.linkHasRoom); a choice, caption or hold starts it at once (startStage).
  let stopWatching = (): void => undefined;
  let stopWaiting = (): void => undefined;
  const warmUp = (): void => {
    const start = (): void => {
      if (!win.requestIdleCallback) return void setTimeout(() => void startStage(), 250);
      win.requestIdleCallback(() => void startStage(), { timeout: 1000 });
    };
    if (!options.linkHasRoom || starting) return start();
    stopWaiting = whenLinkHasRoom(options.linkHasRoom, RENDERER_BYTES, start);
  };

  return {
    element,
    canvas,
    attachVideo(video) {
      stopWatching();
      stopWaiting();
      if (!starting) stopWatching = whenBufferedAhead(video, WARM_UP_BUFFER_SECONDS, warmUp);
    },
    detachVideo: () => {
      stopWatching();
      stopWaiting();
    },
    showChoice(c) {
      choice.show(c);
      void startStage();
      invalidate();
    },
    confirmChoice(optionId, o) {
      const done = choice.confirm(optionId, o?.byDefault === true);
      invalidate();
      return done;
    },
    hideChoice() {
      choice.hide();
      invalidate();
    },
    setOptionReady(optionId, ready) {
      choice.setReady(optionId, ready);
      invalidate();
    },
    setCaptions(c) {
      captions = c ?? [];
      invalidate();
    },
    setSubtitles(cues) {
      subtitles = cues;
      invalidate();
    },
    setHold(h) {
      hold = h ? { progress: h.progress, message: h.message ?? 'Generating the next scene…' } : null;
      applyHold();
      if (hold) void startStage();
      invalidate();
    },
    showMessage(text) {
      message.textContent = text ?? '';
      message.hidden = text === null;
    },
    setControls: (s) => controls?.update(s),
    announce: (text) => live.announce(text),
    whenReady: () => startStage(),
    state: () => ({
      choiceOpen: choice.open,
      transitioning: choice.transitioning,
      caption,
      holding: hold !== null,
      message: message.hidden ? null : message.textContent,
      renderer,
      renders,
    }),
    on: (type, handler) => hub.on(type, handler),
    off: (type, handler) => hub.off(type, handler),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      loop.destroy();
      resizeObserver.disconnect();
      container.removeEventListener('keydown', onKeyDown);
      stopWatching();
      stopWaiting();
      choice.destroy();
      twins.destroy();
      live.destroy();
      controls?.destroy();
      hub.removeAll();
      stage?.destroy();
      stage = null;
      element.remove();
    },
  };
}
