// Counts what code under test leaves running: timers, intervals, frame callbacks, fetches.
// Install before creating the engine, read `outstanding()` after destroy().

export interface ResourceTracker {
  outstanding(): { timeouts: number; intervals: number; frameCallbacks: number; fetches: number };
  uninstall(): void;
}

/**
 * Wrap the page's timer, rVFC and fetch functions to count live ones.
 *
 * @example
 * const t = trackResources(); ...; engine.destroy(); expect(t.outstanding().fetches).toBe(0);
 */
export function trackResources(): ResourceTracker {
  const g = globalThis as typeof globalThis & Record<string, unknown>;
  const original = { setTimeout: g.setTimeout, clearTimeout: g.clearTimeout, setInterval: g.setInterval, clearInterval: g.clearInterval, fetch: g.fetch };
  const rvfc = HTMLVideoElement.prototype.requestVideoFrameCallback;
  const cvfc = HTMLVideoElement.prototype.cancelVideoFrameCallback;
  const timeouts = new Set<unknown>();
  const intervals = new Set<unknown>();
  const frames = new Set<number>();
  let fetches = 0;

  g.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const id = original.setTimeout(() => {
      timeouts.delete(id);
      fn(...args);
    }, ms);
    timeouts.add(id);
    return id;
  }) as typeof setTimeout;
  g.clearTimeout = ((id: unknown) => {
    timeouts.delete(id);
    original.clearTimeout(id as number);
  }) as typeof clearTimeout;
  g.setInterval = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const id = original.setInterval(fn, ms, ...args);
    intervals.add(id);
    return id;
  }) as typeof setInterval;
  g.clearInterval = ((id: unknown) => {
    intervals.delete(id);
    original.clearInterval(id as number);
  }) as typeof clearInterval;
  g.fetch = ((...args: Parameters<typeof fetch>) => {
    fetches++;
    return original.fetch(...args).finally(() => fetches--);
  }) as typeof fetch;
  HTMLVideoElement.prototype.requestVideoFrameCallback = function (cb) {
    const id: number = rvfc.call(this, (now, meta) => {
      frames.delete(id);
      cb(now, meta);
    });
    frames.add(id);
    return id;
  };
  HTMLVideoElement.prototype.cancelVideoFrameCallback = function (id) {
    frames.delete(id);
    cvfc.call(this, id);
  };

  return {
    outstanding: () => ({ timeouts: timeouts.size, intervals: intervals.size, frameCallbacks: frames.size, fetches }),
    uninstall() {
      Object.assign(g, original);
      HTMLVideoElement.prototype.requestVideoFrameCallback = rvfc;
      HTMLVideoElement.prototype.cancelVideoFrameCallback = cvfc;
    },
  };
}
