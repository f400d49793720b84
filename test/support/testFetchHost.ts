// What SegmentFetch's node tests give it as its host: no retries (a failure shows at once),
// and selectVariant's own choice on an estimate the test sets, so the test decides when the
// link looks fast and the real ABR rule decides which rendition that means.
import type { SegmentFetch } from '../../src/player/playback/SegmentFetch.js';
import type { SegmentFetchHost } from '../../src/player/playback/SegmentFetchHost.js';
import { selectVariant } from '../../src/player/playback/selectVariant.js';

/** The link and browser the choice sees. */
export interface TestLink {
  /** The throughput estimate now (bits/s), or null: nothing measured yet (the lightest is picked). */
  estimateBps(current: unknown): number | null;
  bufferAheadSeconds?: number;
  maxHeight?: number;
  /** Which CODECS strings the browser plays (default: all). */
  isSupported?(type: string): boolean;
}

/**
 * A host for `new SegmentFetch(source, lookahead, host)` in a node test: no retries, the
 * rendition chosen by selectVariant on `link`; `rest` gives onChange, onError and any others.
 *
 * @example
 * new SegmentFetch(source, 30, testFetchHost({ estimateBps: () => 2e6 }, { onChange, onError, growingPollMs: 500, measure: () => {} }));
 */
export function testFetchHost(
  link: TestLink,
  rest: Pick<SegmentFetchHost, 'onChange' | 'onError' | 'growingPollMs' | 'measure'>,
): SegmentFetchHost {
  const policy = { retries: 0, delayMs: 10, timeoutMs: 5000 };
  return {
    retry: policy,
    playlistRetry: policy,
    chooseVariant: (variants, current, fragmentSeconds = 1) =>
      selectVariant(
        variants,
        {
          estimateBps: link.estimateBps(current),
          bufferAheadSeconds: link.bufferAheadSeconds ?? 0,
          playing: false,
          fragmentSeconds,
          maxHeight: link.maxHeight,
          isSupported: link.isSupported ?? (() => true),
        },
        current,
      ),
    ...rest,
  };
}

/**
 * The fragments a fetch verified, in order, as `rendition/file@height`.
 *
 * @example
 * expect(verifiedFragments(fetch)).toEqual(['360/seg_0.m4s@360', '720/seg_1.m4s@720']);
 */
export function verifiedFragments(fetch: SegmentFetch): string[] {
  return fetch.verified.map((v) => `${v.url.split('/').at(-2)}/${v.url.split('/').at(-1)}@${v.height}`);
}
