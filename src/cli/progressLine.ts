import type { PathsProgress } from '../core/paths/PathsReport.js';
import type { CliIO } from './CliIO.js';

/** Quiet for this long: most stories finish before a progress line would help. */
const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 200;

/**
 * A progress reporter for long path searches: a single redrawn line on stderr, only when
 * stderr is a terminal and the search has run for a second. `done()` clears it.
 *
 * @example
 * const progress = progressLine(io);
 * enumeratePaths(story, { onProgress: progress.update });
 * progress.done();
 */
export function progressLine(io: CliIO, now: () => number = () => performance.now()) {
  const started = now();
  let drawn = 0;
  let shown = false;
  return {
    update(progress: PathsProgress): void {
      if (!io.errIsTTY) return;
      const t = now();
      if (t - started < SHOW_AFTER_MS || t - drawn < REDRAW_EVERY_MS) return;
      drawn = t;
      shown = true;
      io.err(
        `\r\u001b[2Kexploring paths: ${progress.explored.toLocaleString('en')} states, ${((t - started) / 1000).toFixed(1)} s`,
      );
    },
    done(): void {
      if (shown) io.err('\r\u001b[2K');
    },
  };
}
