import type { LoaderStats } from 'hls.js';

/** A fresh hls.js LoaderStats with loading times stamped (start → now, at least 1 ms apart). */
export function loaderStats(start: number, bytes: number): LoaderStats {
  const end = Math.max(performance.now(), start + 1);
  return {
    aborted: false,
    loaded: bytes,
    total: bytes,
    retry: 0,
    chunkCount: 0,
    bwEstimate: 0,
    loading: { start, first: end, end },
    parsing: { start: end, end },
    buffering: { start: 0, first: 0, end: 0 },
  };
}
