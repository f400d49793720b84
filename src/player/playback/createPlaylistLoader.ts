import type {
  Loader,
  LoaderCallbacks,
  LoaderConfiguration,
  LoaderStats,
  PlaylistLoaderConstructor,
  PlaylistLoaderContext,
} from 'hls.js';
import { loaderStats } from './loaderStats.js';

/** What the playlist loader may use: the current timeline text and change notices. */
export interface PlaylistLoaderHost {
  render(): string;
  /** False until the first segment has a verified fragment: hls.js must not see an empty playlist. */
  hasMedia(): boolean;
  /** Calls `listener` whenever the timeline may have changed; returns the unsubscribe. */
  watch(listener: () => void): () => void;
  /** Longest a reload of an unchanged playlist is held before answering anyway. */
  holdMaxMs: number;
}

/**
 * hls.js `pLoader` serving the virtual timeline. hls.js reloads an EVENT playlist only every
 * target duration; this loader answers a reload as soon as the timeline changes instead
 * (it holds a reload of an unchanged playlist), so a late choice is buffered in milliseconds.
 *
 * @example
 * new Hls({ pLoader: createPlaylistLoader({ render: () => timeline.render(), watch, holdMaxMs: 4000 }) });
 */
export function createPlaylistLoader(host: PlaylistLoaderHost): PlaylistLoaderConstructor {
  let lastServed = '';
  return class TimelinePlaylistLoader implements Loader<PlaylistLoaderContext> {
    context: PlaylistLoaderContext | null = null;
    stats: LoaderStats = loaderStats(performance.now(), 0);
    private release: (() => void) | null = null;

    constructor(_config: unknown) {}

    load(
      context: PlaylistLoaderContext,
      _config: LoaderConfiguration,
      callbacks: LoaderCallbacks<PlaylistLoaderContext>,
    ): void {
      this.context = context;
      const start = performance.now();
      const answer = () => {
        this.abort();
        if (this.context !== context) return;
        const data = host.render();
        lastServed = data;
        this.stats = loaderStats(start, data.length);
        callbacks.onSuccess({ url: context.url, data }, this.stats, context, null);
      };
      const fresh = () => host.hasMedia() && (context.type === 'manifest' || host.render() !== lastServed);
      if (fresh()) {
        queueMicrotask(answer);
        return;
      }
      // An unchanged reload is answered anyway after holdMaxMs; an empty one never is.
      const timer = host.hasMedia() ? setTimeout(answer, host.holdMaxMs) : undefined;
      const unwatch = host.watch(() => {
        if (fresh()) answer();
      });
      this.release = () => {
        clearTimeout(timer);
        unwatch();
      };
    }

    abort(): void {
      this.release?.();
      this.release = null;
    }

    destroy(): void {
      this.abort();
      this.context = null;
    }
  };
}
