import type {
  FragmentLoaderConstructor,
  FragmentLoaderContext,
  Loader,
  LoaderCallbacks,
  LoaderConfiguration,
  LoaderStats,
} from 'hls.js';
import { loaderStats } from './loaderStats.js';

/** What the fragment loader may use: bytes already downloaded, or a network fetch. */
export interface FragmentLoaderHost {
  /** Bytes for a timeline URL (`...#o=<fetch id>`), handed over once; undefined when not cached. */
  take(url: string): ArrayBuffer | undefined;
  /** Fetch a URL the cache does not hold (seek back into evicted media). */
  fetch(url: string, signal: AbortSignal): Promise<ArrayBuffer>;
}

/**
 * hls.js `fLoader` that serves init sections and fragments from the engine's downloads,
 * so a prefetched branch starts without a network round trip.
 *
 * @example
 * new Hls({ fLoader: createFragmentLoader({ take: (u) => cache.take(u), fetch }) });
 */
export function createFragmentLoader(host: FragmentLoaderHost): FragmentLoaderConstructor {
  return class CachedFragmentLoader implements Loader<FragmentLoaderContext> {
    context: FragmentLoaderContext | null = null;
    stats: LoaderStats = loaderStats(performance.now(), 0);
    private controller: AbortController | null = null;

    constructor(_config: unknown) {}

    load(
      context: FragmentLoaderContext,
      _config: LoaderConfiguration,
      callbacks: LoaderCallbacks<FragmentLoaderContext>,
    ): void {
      this.context = context;
      const start = performance.now();
      const controller = (this.controller = new AbortController());
      const cached = host.take(context.url);
      const bytes = cached ? Promise.resolve(cached) : host.fetch(context.url, controller.signal);
      bytes.then(
        (data) => {
          if (controller.signal.aborted) return;
          this.stats = loaderStats(start, data.byteLength);
          callbacks.onSuccess({ url: context.url, data }, this.stats, context, null);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          callbacks.onError(
            { code: 0, text: error instanceof Error ? error.message : String(error) },
            context,
            null,
            this.stats,
          );
        },
      );
    }

    abort(): void {
      this.controller?.abort();
      this.stats.aborted = true;
    }

    destroy(): void {
      this.abort();
      this.context = null;
    }
  };
}
