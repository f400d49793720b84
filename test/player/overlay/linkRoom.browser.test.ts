import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { RENDERER_BYTES, createOverlay } from '../../../src/player/overlay/createOverlay.js';
import type { Overlay } from '../../../src/player/overlay/Overlay.js';
import type { OverlayChoice } from '../../../src/player/overlay/OverlayEvents.js';
import { playingVideo, recordedVideo } from './videos.js';

// The overlay's renderer download (pixi) on a link the media nearly fills: it waits for room
// unless something must be drawn now, and the DOM twins show the options meanwhile (ADR 0011,
// "The overlay waits for the link"). `room` stands for the engine's hasRoomFor.

const frames = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => requestAnimationFrame(() => r()));
};

const choice: OverlayChoice = {
  segmentId: 'intro',
  prompt: 'Which way now?',
  options: [
    { id: 'left', label: 'Take the left path' },
    { id: 'right', label: 'Cross the bridge' },
  ],
  until: 8,
};

let container: HTMLDivElement;
let overlay: Overlay | null = null;
let room = false;
const asked: number[] = [];
const cleanups: Array<() => void> = [];

beforeEach(() => {
  room = false;
  asked.length = 0;
  container = document.createElement('div');
  Object.assign(container.style, { position: 'relative', width: '640px', height: '360px' });
  document.body.appendChild(container);
});

afterEach(() => {
  overlay?.destroy();
  overlay = null;
  for (const c of cleanups.splice(0)) c();
  container.remove();
});

const make = async (): Promise<Overlay> => {
  overlay = await createOverlay(container, {
    reducedMotion: true,
    linkHasRoom: (bytes) => {
      asked.push(bytes);
      return room;
    },
  });
  return overlay;
};

/** A video that plays with seconds buffered ahead (what lets the renderer warm up unasked). */
async function bufferedVideo(): Promise<HTMLVideoElement> {
  const live = await playingVideo(container);
  const recorded = await recordedVideo(container, live.video, 3500);
  live.stop();
  cleanups.push(() => {
    recorded.pause();
    URL.revokeObjectURL(recorded.src);
  });
  return recorded;
}

/** Wait (up to ~300 frames) for the renderer to leave 'idle'. */
async function leftIdle(o: Overlay): Promise<boolean> {
  for (let i = 0; i < 300 && o.state().renderer === 'idle'; i++) await frames(1);
  return o.state().renderer !== 'idle';
}

describe('the overlay waits for the link', () => {
  test('no renderer download while the link has no room; it starts once it has', async () => {
    const o = await make();
    const video = await bufferedVideo();
    o.attachVideo(video);
    await video.play();
    // The video plays with seconds buffered: without a full link the renderer would start here.
    for (let i = 0; i < 40 && asked.length < 3; i++) await new Promise((r) => setTimeout(r, 100));
    expect(asked.length).toBeGreaterThanOrEqual(3);
    expect(asked[0]).toBe(RENDERER_BYTES);
    await frames(10);
    expect(o.state().renderer).toBe('idle');
    room = true;
    expect(await leftIdle(o)).toBe(true);
    await o.whenReady();
    expect(o.state().renderer).toBe('ready');
  });

  test('on a link with room the renderer starts unasked as before', async () => {
    room = true;
    const o = await make();
    const video = await bufferedVideo();
    o.attachVideo(video);
    await video.play();
    expect(await leftIdle(o)).toBe(true);
  });

  test('a choice starts the renderer at once on a full link; its DOM twins are visible and usable meanwhile', async () => {
    const o = await make();
    const video = await bufferedVideo();
    o.attachVideo(video);
    await video.play();
    const requests: string[] = [];
    o.on('choice-request', (e) => requests.push(e.optionId));
    o.showChoice(choice);
    expect(o.state().renderer).toBe('starting');
    const buttons = [...container.querySelectorAll<HTMLButtonElement>('button[data-option-id]')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Take the left path', 'Cross the bridge']);
    const box = container.getBoundingClientRect();
    for (const b of buttons) {
      // Seen: text and a panel, inside the player, not hidden from assistive technology.
      const style = getComputedStyle(b);
      expect(style.color).not.toBe('rgba(0, 0, 0, 0)');
      expect(style.backgroundColor).not.toBe('rgba(0, 0, 0, 0)');
      expect(style.visibility).toBe('visible');
      const r = b.getBoundingClientRect();
      expect(r.width).toBeGreaterThan(20);
      expect(r.left).toBeGreaterThanOrEqual(box.left);
      expect(r.right).toBeLessThanOrEqual(box.right);
      expect(b.closest('[aria-hidden="true"]')).toBeNull();
    }
    // By keyboard (a real key press): focus starts on the first option; arrow to the second, Enter.
    expect(document.activeElement).toBe(buttons[0]);
    await userEvent.keyboard('{ArrowRight}{Enter}');
    expect(requests).toEqual(['right']);
    await o.whenReady();
    expect(o.state().renderer).toBe('ready');
    // The canvas draws the panel now: the twins go back to transparent targets over it.
    expect(getComputedStyle(buttons[0]!).color).toBe('rgba(0, 0, 0, 0)');
  });
});
