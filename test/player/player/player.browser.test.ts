import { afterEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { Player } from '../../../src/player/setup/Player.js';
import type { PlayerOptions } from '../../../src/player/setup/PlayerOptions.js';
import type { StorySnapshot } from '../../../src/core/machine/StorySnapshot.js';
import { closePlayer, next, nightWalk, opened, openPlayer, plain, recorder, stage, twin } from './helpers.js';
import type { Logged } from './helpers.js';

const BASE = '/test/';
afterEach(closePlayer);

let log: Logged[] = [];
const open = async (options: Partial<PlayerOptions> = {}): Promise<Player> => {
  const r = recorder();
  log = r.log;
  return openPlayer({
    story: await nightWalk(),
    baseUrl: BASE,
    autoplay: true,
    muted: true,
    on: r.on,
    ...options,
  });
};
/**
 * A real pointer click at the centre of `el` (what a tap or mouse does): the target is
 * whatever is under that point. (Playwright's own click waits for an idle frame, which
 * never comes while video plays on SwiftShader.)
 */
async function clickAt(el: Element): Promise<void> {
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  const target = document.elementFromPoint(x, y);
  expect(target).toBe(el);
  const init = { bubbles: true, cancelable: true, clientX: x, clientY: y, pointerType: 'mouse', isPrimary: true };
  target!.dispatchEvent(new PointerEvent('pointerdown', init));
  target!.dispatchEvent(new PointerEvent('pointerup', init));
  target!.dispatchEvent(new MouseEvent('click', init));
}
const segments = (): string[] =>
  log.filter((e) => e.type === 'segmentstart').map((e) => (e as { segmentId: string }).segmentId);
const choices = (): Logged[] => plain(log).filter((e) => e.type === 'choice');

describe('player end to end on night-walk', () => {
  test('played to an ending by clicking the options', async () => {
    const p = await open();
    await next(p, 'choicestart', (e) => e.segmentId === 'intro');
    await clickAt(twin(opened.container!, 'dark')!);
    await next(p, 'choicestart', (e) => e.segmentId === 'forest');
    await clickAt(twin(opened.container!, 'deeper')!);
    await next(p, 'ended');
    expect(segments()).toEqual(['intro', 'dark', 'forest', 'lost']);
    expect(choices()).toEqual([
      { type: 'choice', segmentId: 'intro', optionId: 'dark', byDefault: false },
      { type: 'choice', segmentId: 'forest', optionId: 'deeper', byDefault: false },
    ]);
    expect(plain(log).at(-1)).toEqual({ type: 'ended', segmentId: 'lost' });
    expect(log.some((e) => e.type === 'error')).toBe(false);
    const stats = p.getStats();
    expect(stats.stalls).toBe(0);
    expect(stats.transitions).toBe(3);
    expect(stats.startupMs).not.toBeNull();
    expect(stats.totalFrames).toBeGreaterThan(300);
    // The picture came through the pixi texture.
    expect(opened.container!.querySelector('canvas')).not.toBeNull();
  });

  test('played to an ending with the keyboard (arrows + Enter, as a TV remote)', async () => {
    const p = await open();
    await next(p, 'choicestart', (e) => e.segmentId === 'intro');
    // Focus went to the first option; move right and press OK.
    expect(document.activeElement).toBe(twin(opened.container!, 'lantern'));
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(twin(opened.container!, 'dark'));
    await userEvent.keyboard('{Enter}');
    await next(p, 'choicestart', (e) => e.segmentId === 'forest');
    await userEvent.keyboard('{Enter}');
    await next(p, 'ended');
    expect(choices().map((e) => (e as { optionId: string }).optionId)).toEqual(['dark', 'deeper']);
    expect(p.getStats().stalls).toBe(0);
  });

  test('played to an ending by letting the timer choose (window closes before the segment ends)', async () => {
    const p = await open({ story: await nightWalk((s) => void (s.segments.intro!.choice!.until = 3)) });
    const ended = await next(p, 'ended', () => true, 45_000);
    expect(ended.segmentId).toBe('home');
    expect(choices()).toEqual([
      { type: 'choice', segmentId: 'intro', optionId: 'lantern', byDefault: true },
      { type: 'choice', segmentId: 'forest', optionId: 'home', byDefault: true },
    ]);
    expect(p.getStats().stalls).toBe(0);
  });

  test('a window that closes exactly at the segment end moves on with no stall (the lock lead)', async () => {
    const p = await open();
    const ended = await next(p, 'ended', () => true, 45_000);
    expect(ended.segmentId).toBe('home');
    expect(choices().map((e) => (e as { byDefault: boolean }).byDefault)).toEqual([true, true]);
    // The machine locks the default 0.5 s before the end, so the next segment is queued in time.
    expect(p.getStats().stalls).toBe(0);
  });
});

describe('player failures and persistence', () => {
  test('a segment whose media is missing: non-fatal error, playback goes on another path', async () => {
    const story = await nightWalk((s) => {
      s.segments.dark!.media = 'media/does-not-exist/index.m3u8';
    });
    const p = await open({ story });
    await next(p, 'choicestart', (e) => e.segmentId === 'intro');
    p.choose('dark');
    const ended = await next(p, 'ended');
    const errors = log.filter((e) => e.type === 'error');
    expect(errors).toEqual([expect.objectContaining({ code: 'segment-failed', fatal: false, segmentId: 'dark' })]);
    expect(segments()).toEqual(['intro', 'forest', 'lost']);
    expect(ended.segmentId).toBe('lost');
    expect(p.getStats().failedSegments).toEqual(['dark']);
  });

  test('persist: the place survives destroy + create with the same storage', async () => {
    const saved = new Map<string, StorySnapshot>();
    const storage = {
      load: (id: string) => saved.get(id) ?? null,
      save: (id: string, s: StorySnapshot) => void saved.set(id, s),
    };
    const first = await open({ persist: storage });
    await next(first, 'choicestart', (e) => e.segmentId === 'intro');
    first.choose('dark');
    await next(first, 'segmentstart', (e) => e.segmentId === 'forest');
    expect(saved.get('night-walk')).toMatchObject({ segmentId: 'forest', vars: { lantern: false, courage: 1 } });
    first.destroy();
    opened.container!.remove();
    opened.player = null;

    opened.container = stage();
    const second = await open({ persist: storage });
    expect(second.snapshot()).toMatchObject({ segmentId: 'forest', vars: { courage: 1 } });
    expect(segments()).toEqual(['forest']);
    await next(second, 'choicestart', (e) => e.segmentId === 'forest');
    expect(plain(log).find((e) => e.type === 'choicestart')).toEqual({
      type: 'choicestart',
      segmentId: 'forest',
      prompt: 'Which way?',
      options: [{ id: 'deeper', label: 'Go deeper' }],
      deadline: 5,
    });
  });

  test('back() returns to the previous choice point; restore() jumps to a saved place', async () => {
    const p = await open();
    await next(p, 'choicestart', (e) => e.segmentId === 'intro');
    p.choose('dark');
    await next(p, 'segmentstart', (e) => e.segmentId === 'dark');
    const atDark = p.snapshot();
    const reopened = next(p, 'choicestart', (e) => e.segmentId === 'intro');
    p.back();
    expect(segments().at(-1)).toBe('intro');
    await reopened;
    expect(p.snapshot()).toMatchObject({ segmentId: 'intro', history: [], vars: { courage: 0 } });
    const toForest = next(p, 'segmentstart', (e) => e.segmentId === 'forest');
    await p.restore(atDark);
    expect(p.snapshot()).toMatchObject({ segmentId: 'dark', vars: { courage: 1 } });
    await toForest;
    expect(log.filter((e) => e.type === 'error')).toEqual([]);
  });

  test('a story that does not validate: fatal error and a readable message, never a throw', async () => {
    const errors: unknown[] = [];
    const p = await openPlayer({
      story: {
        offshoot: 1,
        id: 'x',
        title: '<b>x</b>',
        start: 'intro',
        state: {},
        segments: { intro: { media: 'a.m3u8', duration: 4, next: 'frest' } },
      },
      on: { error: (e) => errors.push(e) },
    });
    const container = opened.container!;
    await expect.poll(() => errors).toEqual([expect.objectContaining({ code: 'story-invalid', fatal: true })]);
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toMatch(/frest/);
    expect(p.story).toBeNull();
    p.destroy();
    opened.player = null;
    expect(container.childElementCount).toBe(0);
  });
});
