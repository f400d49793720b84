import type { PathsProgress } from '../core/paths/PathsReport.js';
import type { CliIO } from './CliIO.js';

/** Quiet for this long: most stories finish before a progress line would help. */
const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 200;

/**
 * A progress reporter for long path searches (and, with `say`, any long task): a single redrawn line on stderr, only when
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
  const say = (text: string): void => {
    if (!io.errIsTTY) return;
    const t = now();
    if (t - started < SHOW_AFTER_MS || t - drawn < REDRAW_EVERY_MS) return;
    drawn = t;
    shown = true;
    io.err(`\r\u001b[2K${text}, ${((t - started) / 1000).toFixed(1)} s`);
  };
  return {
    update(progress: PathsProgress): void {
      say(`exploring paths: ${progress.explored.toLocaleString('en')} states`);
    },
    /** Any other long task's progress, same rules (`checking media: 3/40 segments`). */
    say,
    done(): void {
      if (shown) io.err('\r\u001b[2K');
    },
  };
}
