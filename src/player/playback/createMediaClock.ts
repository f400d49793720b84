import type { MediaClock } from './PlaybackEngine.js';

/** The clock plus the engine-side controls the story machine never sees. */
export interface MediaClockControl {
  clock: MediaClock;
  /** Media seconds played so far (monotonic: seeks and restarts do not move it). */
  now(): number;
  /** Advance by `seconds` of presented media and fire what is due. */
  advance(seconds: number): void;
  /** Drop every pending timeout. */
  clear(): void;
  pending(): number;
}

/**
 * An xstate-compatible clock whose time is presented media time: a timeout set for 2000 ms
 * fires after two seconds of picture, not of wall clock, so it stops while the video is
 * paused or stalled and the choice window follows what the viewer sees.
 *
 * @example
 * const c = createMediaClock();
 * createActor(storyMachine, { clock: c.clock });
 * // each presented frame: c.advance(frameMediaTime - previousFrameMediaTime)
 */
export function createMediaClock(): MediaClockControl {
  let played = 0;
  let nextId = 1;
  const timers = new Map<number, { due: number; fn: (...args: unknown[]) => void }>();

  const clock: MediaClock = {
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { due: played + Math.max(0, ms) / 1000, fn });
      return id;
    },
    clearTimeout(id) {
      timers.delete(id as number);
    },
  };

  return {
    clock,
    now: () => played,
    advance(seconds) {
      played += seconds;
      // Half a millisecond of slack: frame times are rational, timeouts are integers.
      const due = [...timers].filter(([, t]) => t.due <= played + 0.0005).sort((a, b) => a[1].due - b[1].due);
      for (const [id, timer] of due) {
        if (!timers.delete(id)) continue; // cleared by an earlier callback
        timer.fn();
      }
    },
    clear: () => timers.clear(),
    pending: () => timers.size,
  };
}
