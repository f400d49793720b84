// The alternate-audio browser tests' verdict on what `listenForBeeps` heard: each beep of the
// beep-* test media at its media time and pitch, and how far its onset was from where the
// timeline puts it (the muxed clips' errors are the baseline the others are compared with).
import { expect } from 'vitest';
import type { HeardBeep } from './beepListener.js';

/** What a run heard: `listenForBeeps`'s beeps and its `observed`. */
export interface Heard {
  beeps: HeardBeep[];
  observed(t: number): boolean;
}

/**
 * Each beep the clips have at `nominal` media times (plus `offset`: an MPEG-TS timeline is
 * presented its B-frame delay late), heard at the right pitch: its onset error (heard − nominal,
 * ms). A beep no poll could have heard (the busy page did not poll while it was in the
 * analyser's window) is left out: unobserved, not silent; each one observed must be heard.
 * Fails unless at least `least` were observed.
 *
 * @example
 * const muxed = expectBeeps(run, [0.5, 1.5, 2.5], 1000, 1); // [{ at: 0.5, errorMs: 21.3 }, ...]
 */
export function expectBeeps(
  heard: Heard,
  nominal: number[],
  hz: number,
  least: number,
  offset = 0,
): Array<{ at: number; errorMs: number }> {
  const found: Array<{ at: number; errorMs: number }> = [];
  for (const t of nominal.map((n) => n + offset)) {
    if (!heard.observed(t + 0.05)) continue;
    const beep = heard.beeps.find((b) => b.at > t - 0.05 && b.at < t + 0.1);
    const where = +t.toFixed(3);
    expect(beep, `a beep heard at ${where} s`).toBeDefined();
    expect(Math.abs(beep!.hz - hz), `pitch of the beep at ${where} s (${beep!.hz} Hz)`).toBeLessThan(hz * 0.15);
    found.push({ at: t, errorMs: (beep!.at - t) * 1000 });
  }
  expect(found.length, `beeps observed of ${nominal.join(', ')}`).toBeGreaterThanOrEqual(least);
  return found;
}

/** The middle value (the upper one of an even count). */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
