import type { Generator } from '../../src/server/generate/Generator.js';

/**
 * `generator`, paced to be late: every render waits `holdMs` before it starts (abortable).
 * For tests whose premise is a branch that is not ready at its boundary: with it, lateness
 * is certain on any machine instead of hoped for from a slow one. Its `version` differs, so
 * its renditions never share store keys with the plain generator's.
 *
 * @example
 * startServer({ generator: holdRenders(createProceduralGenerator(), 1500), ... });
 */
export function holdRenders(generator: Generator, holdMs: number): Generator {
  return {
    id: generator.id,
    version: `${generator.version}+held${holdMs}`,
    async render(job, hooks, signal) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, holdMs);
        signal.addEventListener('abort', done, { once: true });
      });
      // An aborted hold renders nothing: the wrapped generator sees the aborted signal at once.
      return generator.render(job, hooks, signal);
    },
  };
}
