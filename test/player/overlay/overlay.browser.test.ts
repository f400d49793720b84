import { CanvasTextMetrics } from 'pixi.js';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createOverlay } from '../../../src/player/overlay/createOverlay.js';
import type { Overlay } from '../../../src/player/overlay/Overlay.js';
import type { OverlayChoice } from '../../../src/player/overlay/OverlayEvents.js';
import { TextStyles } from '../../../src/player/overlay/TextStyles.js';
import { playingVideo, recordedVideo } from './videos.js';

const nextFrame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));
const frames = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await nextFrame();
};

let container: HTMLDivElement;
let overlay: Overlay | null = null;
let now = 0;

const choice: OverlayChoice = {
  segmentId: 'intro',
  prompt: 'Which way now?',
  options: [
    { id: 'left', label: 'Take the left path' },
    { id: 'right', label: 'Cross the bridge', ready: false },
    { id: 'wait', label: 'Wait here' },
  ],
  until: 8,
};

beforeEach(() => {
  now = 0;
  container = document.createElement('div');
  Object.assign(container.style, { position: 'relative', width: '640px', height: '360px' });
  document.body.appendChild(container);
});

afterEach(() => {
  overlay?.destroy();
  overlay = null;
  container.remove();
});

const make = async (reducedMotion = false): Promise<Overlay> => {
  overlay = await createOverlay(container, { time: () => now, reducedMotion });
  return overlay;
};

const twins = (): HTMLButtonElement[] => [...container.querySelectorAll<HTMLButtonElement>('button[data-option-id]')];

describe('overlay choice', () => {
  test('draws with WebGL and puts a focusable button over each option, labelled by its text', async () => {
    const o = await make();
    o.showChoice(choice);
    await o.whenReady();
    expect(o.state().renderer).toBe('ready');
    expect(o.canvas.getContext('webgl2') ?? o.canvas.getContext('webgl')).not.toBeNull();
    const buttons = twins();
    expect(buttons.map((b) => b.textContent)).toEqual(['Take the left path', 'Cross the bridge', 'Wait here']);
    for (const b of buttons) {
      expect(b.tabIndex).toBe(0);
      const r = b.getBoundingClientRect();
      const c = container.getBoundingClientRect();
      // Inside the player and big enough to hit with a finger.
      expect(r.width).toBeGreaterThanOrEqual(44);
      expect(r.height).toBeGreaterThanOrEqual(28);
      expect(r.left).toBeGreaterThanOrEqual(c.left);
      expect(r.right).toBeLessThanOrEqual(c.right);
      expect(r.bottom).toBeLessThanOrEqual(c.bottom);
    }
    expect(buttons[1]!.dataset.ready).toBe('false');
    expect(buttons[1]!.getAttribute('aria-description')).toMatch(/prepared/);
    // Focus went to the first option so a remote/keyboard can act at once.
    expect(document.activeElement).toBe(buttons[0]);
  });

  test('arrow keys move focus, Enter chooses: one choice-request per activation', async () => {
    const o = await make();
    const requests: string[] = [];
    o.on('choice-request', (e) => requests.push(e.optionId));
    o.showChoice(choice);
    const [first, second, third] = twins();
    first!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(document.activeElement).toBe(second);
    second!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(document.activeElement).toBe(third);
    third!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(document.activeElement).toBe(first);
    first!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(document.activeElement).toBe(third);
    expect(requests).toEqual([]);
    const { userEvent } = await import('vitest/browser');
    await userEvent.keyboard('{Enter}');
    expect(requests).toEqual(['wait']);
  });

  test('a pointer click on the drawn option hits its twin', async () => {
    const o = await make();
    const requests: string[] = [];
    o.on('choice-request', (e) => requests.push(e.optionId));
    o.showChoice(choice);
    const { userEvent } = await import('vitest/browser');
    await userEvent.click(twins()[1]!);
    expect(requests).toEqual(['right']);
    const r = twins()[1]!.getBoundingClientRect();
    expect(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)).toBe(twins()[1]);
  });

  test('live region announces prompt, options and time left, then time marks, then the choice', async () => {
    const o = await make();
    const live = container.querySelector('[aria-live="polite"]')!;
    o.showChoice(choice);
    expect(live.textContent).toBe(
      'Which way now? Options: Take the left path, Cross the bridge, Wait here. 8 seconds to choose.',
    );
    now = 2;
    await frames(3);
    expect(live.textContent).toMatch(/^Which way now\?/);
    now = 3.1;
    await frames(3);
    expect(live.textContent).toBe('5 seconds left.');
    now = 3.5;
    await frames(3);
    expect(live.textContent).toBe('5 seconds left.');
    now = 5.2;
    await frames(3);
    expect(live.textContent).toBe('3 seconds left.');
    const done = o.confirmChoice('left', { byDefault: true });
    expect(live.textContent).toBe("Time's up. Going with Take the left path.");
    await done;
  });

  test('confirm transition takes a few frames, and none under reduced motion', async () => {
    const o = await make(false);
    o.showChoice(choice);
    // The panel is drawn (and so can play its transition) once the renderer has started.
    await o.whenReady();
    const done = o.confirmChoice('right');
    expect(o.state().transitioning).toBe(true);
    // Locked: a second click does not ask again.
    const requests: string[] = [];
    o.on('choice-request', (e) => requests.push(e.optionId));
    twins()[0]!.click();
    expect(requests).toEqual([]);
    await done;
    expect(o.state()).toMatchObject({ choiceOpen: false, transitioning: false });
    expect(twins()).toHaveLength(0);
    o.destroy();

    const reduced = await make(true);
    reduced.showChoice(choice);
    // No transition to wait for: it is confirmed before the next animation frame, however
    // slow the machine (a wall-clock bound would fail on a GC pause).
    const confirmed = reduced.confirmChoice('right').then(() => 'confirmed');
    const frame = new Promise((r) => requestAnimationFrame(() => r('a frame first')));
    expect(await Promise.race([confirmed, frame])).toBe('confirmed');
    expect(reduced.state().transitioning).toBe(false);
    expect(twins()).toHaveLength(0);
  });

  test('story text with markup is shown only as text', async () => {
    const o = await make();
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    o.showChoice({ ...choice, prompt: evil, options: [{ id: 'a', label: evil }] });
    o.setCaptions([{ from: 0, to: 5, text: evil }]);
    o.showMessage(evil);
    await frames(3);
    expect(container.querySelector('img, script:not([data-vitest])')).toBeNull();
    expect(twins()[0]!.textContent).toBe(evil);
    expect(twins()[0]!.children).toHaveLength(0);
    expect(o.state().caption).toBe(evil);
    expect(o.state().message).toBe(evil);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  test('captions follow time; hold indicator and readiness marks toggle', async () => {
    const o = await make();
    o.setCaptions([{ from: 1, to: 2, text: 'Hello there' }]);
    await frames(2);
    expect(o.state().caption).toBeNull();
    now = 1.5;
    await frames(2);
    expect(o.state().caption).toBe('Hello there');
    now = 2.5;
    await frames(2);
    expect(o.state().caption).toBeNull();
    o.setHold({ progress: 0.4 });
    expect(o.state().holding).toBe(true);
    o.setHold(null);
    expect(o.state().holding).toBe(false);
    o.showChoice(choice);
    o.setOptionReady('right', true);
    expect(twins()[1]!.dataset.ready).toBe('true');
  });

  test('follows its container size; controls send requests', async () => {
    const o = await make();
    container.style.width = '320px';
    container.style.height = '400px';
    await frames(4);
    expect(o.canvas.getBoundingClientRect().width).toBe(320);
    // The backing store is sized by the renderer, which starts when something is to be drawn.
    await o.whenReady();
    await frames(2);
    expect(o.canvas.width).toBe(320 * devicePixelRatio);
    const got: string[] = [];
    o.on('play-request', () => got.push('play'));
    o.on('mute-request', (e) => got.push(`mute:${e.muted}`));
    o.on('fullscreen-request', (e) => got.push(`fs:${e.fullscreen}`));
    o.on('back-request', () => got.push('back'));
    const ctl = (name: string): HTMLButtonElement =>
      container.querySelector<HTMLButtonElement>(`[data-control="${name}"]`)!;
    expect(ctl('play').getAttribute('aria-label')).toBe('Play');
    ctl('play').click();
    ctl('mute').click();
    ctl('fullscreen').click();
    expect(ctl('back').disabled).toBe(true);
    o.setControls({ canGoBack: true, playing: true });
    expect(ctl('play').getAttribute('aria-label')).toBe('Pause');
    ctl('back').click();
    expect(got).toEqual(['play', 'mute:true', 'fs:true', 'back']);
  });

  test('destroy removes everything it added', async () => {
    const o = await make();
    o.showChoice(choice);
    o.destroy();
    overlay = null;
    expect(container.childElementCount).toBe(0);
  });

  test('destroyed right after attaching a playing video (the renderer about to start): no page error', async () => {
    // A playing <video> (fed by a canvas stream, so readyState >= 2 at once): attaching it
    // schedules the renderer's start, and the player is destroyed before it runs, the way
    // "Start over" on the demo page does when it lands on the first frame.
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 36;
    const ctx = canvas.getContext('2d')!;
    const paint = setInterval(() => ctx.fillRect(0, 0, 64, 36), 20);
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = canvas.captureStream(30);
    await video.play();
    await new Promise<void>((r) =>
      video.readyState >= 2 ? r() : video.addEventListener('loadeddata', () => r(), { once: true }),
    );
    const rejections: unknown[] = [];
    const onRejection = (e: PromiseRejectionEvent): void => {
      rejections.push(e.reason);
      e.preventDefault();
    };
    window.addEventListener('unhandledrejection', onRejection);
    try {
      const o = await make();
      o.attachVideo(video);
      o.destroy();
      overlay = null;
      await frames(10);
      expect(rejections.map(String)).toEqual([]);
      expect(container.childElementCount).toBe(0);
    } finally {
      window.removeEventListener('unhandledrejection', onRejection);
      clearInterval(paint);
      video.srcObject = null;
    }
  });

  test("a long session of choices reuses text measurements instead of filling pixi's caches", async () => {
    // pixi keys its text measurement cache (an LRU of 1,000) by the style's identity: panels
    // with styles of their own made every choice new entries, so the heap grew for hundreds of
    // choices. Two alternating choices, each shown and confirmed many times.
    const measured = (): number =>
      (CanvasTextMetrics as unknown as { _measurementCache: { size: number } })._measurementCache.size;
    const o = await make(true);
    await o.whenReady();
    const other: OverlayChoice = {
      ...choice,
      prompt: 'And now?',
      options: [
        { id: 'stay', label: 'Stay' },
        { id: 'go', label: 'Go on' },
      ],
    };
    const round = async (c: OverlayChoice): Promise<void> => {
      o.showChoice(c);
      await frames(2);
      await o.confirmChoice(c.options[0]!.id);
      await frames(1);
    };
    for (let i = 0; i < 3; i++) await round(i % 2 ? other : choice);
    const warm = measured();
    for (let i = 0; i < 30; i++) await round(i % 2 ? other : choice);
    expect(measured()).toBe(warm);
  });
});

describe('drawing on demand', () => {
  test('plain playback draws nothing: no render and no animation frame while no overlay changes', async () => {
    const played = await playingVideo(container);
    try {
      const o = await make(true);
      o.attachVideo(played.video);
      await o.whenReady();
      await frames(3);
      const rendered = o.state().renders;
      let animationFrames = 0;
      const raf = window.requestAnimationFrame;
      window.requestAnimationFrame = (cb) => {
        animationFrames++;
        return raf.call(window, cb);
      };
      try {
        await played.presented(20);
      } finally {
        window.requestAnimationFrame = raf;
      }
      expect(o.state().renders).toBe(rendered);
      expect(animationFrames).toBe(0);
      // Nothing to show: the canvas is out of the way of the video.
      expect(o.canvas.style.visibility).toBe('hidden');

      // A choice is drawn (and the countdown moves), then cleared; then nothing again.
      o.showChoice(choice);
      await played.presented(5);
      expect(o.state().renders).toBeGreaterThan(rendered + 1);
      expect(o.canvas.style.visibility).toBe('visible');
      await o.confirmChoice('left');
      await frames(3);
      const afterChoice = o.state().renders;
      await played.presented(10);
      expect(o.state().renders).toBe(afterChoice);
      expect(o.canvas.style.visibility).toBe('hidden');
    } finally {
      played.stop();
    }
  });

  test('captions: one render when the line changes, none while it stays', async () => {
    const o = await make(true);
    await o.whenReady();
    o.setCaptions([
      { from: 1, to: 2, text: 'First line' },
      { from: 2, to: 3, text: 'Second line' },
    ]);
    await frames(3);
    const before = o.state().renders;
    now = 1.5;
    await frames(5);
    expect(o.state().caption).toBe('First line');
    expect(o.state().renders).toBe(before + 1);
    now = 1.9;
    await frames(5);
    expect(o.state().renders).toBe(before + 1);
    now = 2.5;
    await frames(5);
    expect(o.state().caption).toBe('Second line');
    expect(o.state().renders).toBe(before + 2);
  });

  test('the renderer starts unasked only once the video plays with seconds buffered ahead', async () => {
    const o = await make();
    const idle = document.createElement('video');
    container.appendChild(idle);
    o.attachVideo(idle);
    await frames(5);
    expect(o.state().renderer).toBe('idle');
    // A live stream plays but has nothing buffered ahead: starting pixi's long set-up then
    // could stall it.
    const live = await playingVideo(container);
    try {
      o.attachVideo(live.video);
      await live.presented(20);
      expect(o.state().renderer).toBe('idle');
      // A recorded clip, buffered whole: the renderer starts (when the page is idle).
      const recorded = await recordedVideo(container, live.video, 3500);
      o.attachVideo(recorded);
      await recorded.play();
      for (let i = 0; i < 300 && o.state().renderer === 'idle'; i++) await frames(1);
      expect(o.state().renderer).not.toBe('idle');
      await o.whenReady();
      expect(o.state().renderer).toBe('ready');
      recorded.pause();
      URL.revokeObjectURL(recorded.src);
    } finally {
      live.stop();
    }
  });

  test('a choice shown before the renderer is up works at once; its panel is drawn when it is', async () => {
    const o = await make();
    const requests: string[] = [];
    o.on('choice-request', (e) => requests.push(e.optionId));
    o.showChoice(choice);
    expect(o.state().renderer).toBe('starting');
    expect(o.state().choiceOpen).toBe(true);
    twins()[2]!.click();
    expect(requests).toEqual(['wait']);
    await o.whenReady();
    await frames(3);
    expect(o.state().renders).toBeGreaterThan(0);
    expect(o.canvas.style.visibility).toBe('visible');
  });

  test('destroyed while the renderer is still starting: no page error, nothing left behind', async () => {
    const rejections: unknown[] = [];
    const onRejection = (e: PromiseRejectionEvent): void => {
      rejections.push(e.reason);
      e.preventDefault();
    };
    window.addEventListener('unhandledrejection', onRejection);
    try {
      const o = await make();
      o.showChoice(choice);
      const ready = o.whenReady();
      o.destroy();
      overlay = null;
      await ready;
      await frames(5);
      expect(rejections.map(String)).toEqual([]);
      expect(container.childElementCount).toBe(0);
      expect(o.state().renders).toBe(0);
    } finally {
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });
});

describe('TextStyles', () => {
  test('one shared style per look; the least recently used look goes past 64', () => {
    const styles = new TextStyles('sans-serif');
    const look = { fontSize: 17, fill: 0xffffff, fontWeight: '600', align: 'center', wordWrapWidth: 180 } as const;
    const first = styles.get(look);
    expect(styles.get({ ...look })).toBe(first);
    expect(first.wordWrap).toBe(true);
    expect(first.wordWrapWidth).toBe(180);
    expect(styles.get({ ...look, fill: 0x06121c })).not.toBe(first);
    expect(styles.get({ fontSize: 13, fill: 0xc9ced8, fontWeight: '600' }).wordWrap).toBe(false);
    for (let width = 0; width < 64; width++) {
      styles.get({ ...look, wordWrapWidth: 1000 + width });
      if (width === 30) styles.get(look); // used again: now among the most recent
    }
    expect(styles.size).toBe(64);
    expect(styles.get(look)).toBe(first);
    expect(styles.get({ ...look, fill: 0x06121c })).not.toBe(first);
  });
});
