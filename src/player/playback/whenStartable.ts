import { startupGoal } from './startupGoal.js';

/** What the start-up wait reads from the engine. */
export interface StartableHost {
  /** Seconds of media listed past the playhead. */
  ahead(): number;
  /** Bits/s of the media being played; 0 unknown. */
  mediaBps(): number;
  /** The throughput estimate (bits/s) and whether a download was timed yet. */
  estimate(): { bps: number; measured: boolean };
  /** Duration of the timeline's first fragment, seconds. */
  fragmentSeconds(): number;
  /** True when nothing more will be listed (every download done or failed), or the timeline is gone. */
  settled(): boolean;
}

/** Longest the start waits for its goal, ms: a link this slow stalls anyway, and the viewer should see motion. */
export const MAX_START_WAIT_MS = 10_000;
/** Longest the start waits for the first download's measurement (its Resource Timing entry may come a task late), ms. */
const MEASURE_WAIT_MS = 600;
const POLL_MS = 50;

/**
 * Resolves when playback should start: the media listed ahead covers `startupGoal` (one
 * fragment on a link with room; more on a link the media nearly fills), or nothing more will
 * come, or after MAX_START_WAIT_MS. The first frame is on screen meanwhile (the element shows
 * it once the first fragment is buffered), so the viewer sees the picture at once; only the
 * motion waits. Resolves with the goal it waited for, seconds.
 *
 * @example
 * await session.ready; // the first fragment is buffered, its frame shown
 * await whenStartable(host); // enough ahead not to stall
 * await video.play();
 */
export function whenStartable(host: StartableHost): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const check = () => {
      const elapsed = performance.now() - started;
      const { bps, measured } = host.estimate();
      if (!measured && elapsed < MEASURE_WAIT_MS && !host.settled()) return void setTimeout(check, POLL_MS);
      const goal = startupGoal({
        mediaBps: host.mediaBps(),
        estimateBps: measured ? bps : null,
        fragmentSeconds: host.fragmentSeconds(),
      });
      // A few ms short of the goal is the goal (fragment durations are rounded in playlists).
      if (host.ahead() >= goal - 0.01 || host.settled() || elapsed >= MAX_START_WAIT_MS) return resolve(goal);
      setTimeout(check, POLL_MS);
    };
    check();
  });
}
