import { whenStartable } from './whenStartable.js';
import type { StartableHost } from './whenStartable.js';

/**
 * After a stall on a link the media nearly fills, playback resumes only once the media ahead
 * covers the start-up goal again (whenStartable), not with the first fragment that arrives:
 * resumed on one fragment, the next one is late again and the picture stops every second
 * (measured: `waiting` at 5.98 and 6.99 s with ~1 Mbps clips at 1.2 Mbps). The element is
 * paused meanwhile (it is frozen anyway) and played again; the viewer's own play() or pause()
 * ends the hold. On a link with room it does nothing: the browser resumes as it would.
 * `onHold(true)` when a hold starts and `onHold(false)` when it ends (resumed or released): the
 * element is paused meanwhile, so only this tells a player's controls that the pause is
 * buffering, not the viewer's (the engine's `rebufferhold` event).
 *
 * @example
 * const hold = new RebufferHold(video, { ...startable, nearlyFull: abr.nearlyFull }, (holding) => hub.emit(…));
 * hub.on('waiting', () => hold.stalled());
 * // engine.play() / pause(): hold.release() first
 */
export class RebufferHold {
  /** Which hold is on (0: none); each hold gets a new number, so a released one cannot resume a later one. */
  private held = 0;
  private holds = 0;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly host: StartableHost & { nearlyFull(): boolean },
    private readonly onHold: (holding: boolean) => void = () => {},
  ) {}

  /** True while the engine holds the picture after a stall. */
  get holding(): boolean {
    return this.held !== 0;
  }

  /** The picture stopped for want of media (the engine's `waiting`). */
  stalled(): void {
    if (this.holding || this.video.paused || !this.host.nearlyFull()) return;
    const hold = (this.held = ++this.holds);
    this.video.pause();
    this.onHold(true);
    void whenStartable(this.host).then(() => {
      if (this.held !== hold) return; // released (the viewer played or paused) or held again
      this.held = 0;
      this.onHold(false);
      this.video.play().catch(() => undefined);
    });
  }

  /** The viewer (or the engine) played or paused: the hold ends without playing. */
  release(): void {
    if (!this.holding) return;
    this.held = 0;
    this.onHold(false);
  }
}
