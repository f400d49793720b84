/**
 * Animation frames only while something on the overlay moves or follows the clock (an open
 * choice's countdown, a transition, the hold's spinner, captions), and none otherwise: plain
 * playback must cost what a bare `<video>` costs, so nothing may wake the page every frame
 * just to find that nothing changed.
 *
 * `frame(dtMs)` runs once per animation frame while `wanted()` is true; `request()` starts
 * the loop again after something changed.
 *
 * @example
 * const loop = new FrameLoop(window, (dt) => draw(dt), () => choiceOpen);
 * loop.request(); // a choice just opened
 */
export class FrameLoop {
  private handle: number | null = null;
  private last: number | null = null;
  private stopped = false;

  constructor(
    private readonly win: Window,
    private readonly frame: (dtMs: number) => void,
    private readonly wanted: () => boolean,
  ) {}

  /** Run `frame` on the next animation frame (and on those after it while wanted). */
  request(): void {
    if (this.handle !== null || this.stopped) return;
    this.handle = this.win.requestAnimationFrame(this.tick);
  }

  /** Whether a frame is scheduled. */
  get running(): boolean {
    return this.handle !== null;
  }

  destroy(): void {
    this.stopped = true;
    if (this.handle !== null) this.win.cancelAnimationFrame(this.handle);
    this.handle = null;
  }

  private readonly tick = (now: number): void => {
    this.handle = null;
    // The first frame after a pause has no meaningful delta; like pixi's ticker, never step
    // more than 100 ms at once (a background tab, a long task).
    const dt = this.last === null ? 0 : Math.min(100, Math.max(0, now - this.last));
    this.frame(dt);
    if (this.wanted()) {
      this.last = now;
      this.request();
    } else this.last = null;
  };
}
