/**
 * Wait `ms`, or reject with the signal's reason as soon as it aborts (at once when it
 * already has). Either way nothing is left behind: the timer is cleared on abort and the
 * abort listener removed when the wait ends, so a long-lived signal (a player's lifetime)
 * does not collect one listener per retry.
 *
 * @example
 * await sleep(500, controller.signal);
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
