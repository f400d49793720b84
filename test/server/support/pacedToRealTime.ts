import type { Generator } from '../../../src/server/generate/index.js';

/**
 * `generator`, its fragments published no sooner than their media time after the render began:
 * a stand-in for a generator that renders at about 1×, so a rendition is still growing while
 * the player plays it, however fast this machine is (it only waits, never speeds up).
 *
 * @example
 * startServer({ generator: pacedToRealTime(createProceduralGenerator({ renderer: 'cpu' })), ... });
 */
export function pacedToRealTime(generator: Generator): Generator {
  return {
    id: generator.id,
    version: generator.version,
    render(job, hooks, signal) {
      const began = performance.now();
      return generator.render(
        job,
        {
          onProgress: (progress) => hooks.onProgress(progress),
          onSegment: (readySeconds) => hooks.onSegment(readySeconds),
          yieldPoint: async (readySeconds) => {
            await hooks.yieldPoint?.(readySeconds);
            const wait = began + readySeconds * 1000 - performance.now();
            if (wait > 0 && !signal.aborted)
              await new Promise((resolve) => {
                const timer = setTimeout(resolve, wait);
                signal.addEventListener('abort', () => (clearTimeout(timer), resolve(undefined)), { once: true });
              });
          },
        },
        signal,
      );
    },
  };
}
