/**
 * A pause that can be cut short: a download loop waits on it (for a poll interval, or until
 * told) and anything that gives the loop new work (a longer limit, an abort) wakes it.
 *
 * @example
 * const wakeup = new Wakeup();
 * await wakeup.wait(500);      // resolves after 500 ms, or sooner on wakeup.wake()
 * await wakeup.wait(Infinity); // only wake() ends it
 */
export class Wakeup {
  private resume: (() => void) | null = null;

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(() => this.wake(), ms) : undefined;
      this.resume = () => {
        clearTimeout(timer);
        this.resume = null;
        resolve();
      };
    });
  }

  /** End the current wait, if any. */
  wake(): void {
    this.resume?.();
  }
}
