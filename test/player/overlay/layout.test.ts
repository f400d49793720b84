import { describe, expect, test } from 'vitest';
import { letterbox } from '../../../src/player/overlay/layout.js';
import { layoutChoices } from '../../../src/player/overlay/layoutChoices.js';
import { scaleFor } from '../../../src/player/overlay/theme.js';
import { dueAnnouncement, secondsPhrase } from '../../../src/player/a11y/countdownAnnouncements.js';

describe('letterbox', () => {
  test('fits 16:9 into a square with bars top and bottom, and 4:3 into 16:9 with bars left and right', () => {
    expect(letterbox(1920, 1080, 400, 400)).toEqual({ x: 0, y: 87.5, width: 400, height: 225 });
    expect(letterbox(640, 480, 1280, 720)).toEqual({ x: 160, y: 0, width: 960, height: 720 });
  });
  test('unknown media size fills the box', () => {
    expect(letterbox(0, 0, 300, 200)).toEqual({ x: 0, y: 0, width: 300, height: 200 });
  });
});

describe('layoutChoices', () => {
  const inside = (r: { x: number; y: number; width: number; height: number }, w: number, h: number): boolean =>
    r.x >= 0 && r.y >= 0 && r.x + r.width <= w + 1e-6 && r.y + r.height <= h + 1e-6;
  const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  test.each([
    [1280, 720, 3],
    [640, 360, 2],
    [320, 180, 4],
    [360, 640, 3], // portrait phone
  ])('%i×%i with %i options: options inside the panel, panel inside the stage, no overlaps', (w, h, n) => {
    const l = layoutChoices(w, h, n, scaleFor(w, h));
    expect(l.options).toHaveLength(n);
    expect(inside(l.panel, w, h)).toBe(true);
    for (const [i, r] of l.options.entries()) {
      expect(r.x).toBeGreaterThanOrEqual(l.panel.x);
      expect(r.x + r.width).toBeLessThanOrEqual(l.panel.x + l.panel.width + 1e-6);
      for (const other of l.options.slice(i + 1)) expect(overlap(r, other)).toBe(false);
    }
  });

  test('wraps into rows when the stage is narrow', () => {
    const wide = layoutChoices(1280, 720, 4, 2);
    const narrow = layoutChoices(360, 640, 4, 0.6);
    expect(new Set(wide.options.map((r) => r.y)).size).toBe(1);
    expect(new Set(narrow.options.map((r) => r.y)).size).toBeGreaterThan(1);
  });
});

describe('countdown announcements', () => {
  test('each mark is announced once, in order, and never again', () => {
    const said = new Set<number>();
    expect(dueAnnouncement(7, said)).toBeNull();
    expect(dueAnnouncement(4.9, said)).toBe(5);
    expect(dueAnnouncement(4.2, said)).toBeNull();
    expect(dueAnnouncement(2.9, said)).toBe(3);
    expect(dueAnnouncement(1, said)).toBeNull();
  });
  test('phrases', () => {
    expect(secondsPhrase(0.2)).toBe('1 second');
    expect(secondsPhrase(4.1)).toBe('5 seconds');
  });
});
