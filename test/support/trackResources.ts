// Counts what code under test leaves running: timers, intervals, frame callbacks, fetches,
// listeners on media elements / MediaSource / SourceBuffers.
// Install before creating the engine, read `outstanding()` after destroy().

export interface ResourceTracker {
  outstanding(): {
    timeouts: number;
    intervals: number;
    frameCallbacks: number;
    fetches: number;
    mediaListeners: number;
  };
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
  const original = {
    setTimeout: g.setTimeout.bind(g),
    clearTimeout: g.clearTimeout.bind(g),
    setInterval: g.setInterval.bind(g),
    clearInterval: g.clearInterval.bind(g),
    fetch: g.fetch.bind(g),
  };
  const unpatched = {
    setTimeout: g.setTimeout,
    clearTimeout: g.clearTimeout,
    setInterval: g.setInterval,
    clearInterval: g.clearInterval,
    fetch: g.fetch,
  };
  const rvfc = HTMLVideoElement.prototype.requestVideoFrameCallback;
  const cvfc = HTMLVideoElement.prototype.cancelVideoFrameCallback;
  const timeouts = new Set<unknown>();
  const intervals = new Set<unknown>();
  const frames = new Set<number>();
  let fetches = 0;
  const addListener = EventTarget.prototype.addEventListener;
  const removeListener = EventTarget.prototype.removeEventListener;
  // Listeners on media elements and MediaSources, keyed by target+type+handler.
  const listeners = new Map<EventTarget, Set<string>>();
  const ids = new WeakMap<object, number>();
  let nextId = 0;
  const key = (type: string, handler: unknown) => {
    const h = handler as object;
    if (h && !ids.has(h)) ids.set(h, nextId++);
    return `${type}:${h ? ids.get(h) : 'null'}`;
  };
  const tracked = (t: EventTarget) =>
    t instanceof HTMLMediaElement || t instanceof MediaSource || t instanceof SourceBuffer;
  EventTarget.prototype.addEventListener = function (
    this: EventTarget,
    type: string,
    handler: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ) {
    if (tracked(this) && !(typeof options === 'object' && options.once)) {
      if (!listeners.has(this)) listeners.set(this, new Set());
      listeners.get(this)!.add(key(type, handler));
    }
    addListener.call(this, type, handler, options);
  };
  EventTarget.prototype.removeEventListener = function (
    this: EventTarget,
    type: string,
    handler: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ) {
    listeners.get(this)?.delete(key(type, handler));
    removeListener.call(this, type, handler, options);
  };

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
    outstanding: () => ({
      timeouts: timeouts.size,
      intervals: intervals.size,
      frameCallbacks: frames.size,
      fetches,
      mediaListeners: [...listeners.values()].reduce((n, set) => n + set.size, 0),
    }),
    uninstall() {
      Object.assign(g, unpatched);
      HTMLVideoElement.prototype.requestVideoFrameCallback = rvfc;
      HTMLVideoElement.prototype.cancelVideoFrameCallback = cvfc;
      EventTarget.prototype.addEventListener = addListener;
      EventTarget.prototype.removeEventListener = removeListener;
    },
  };
}
