import type { ParsedVariant } from 'm3u8-parser';
import type { EventHub } from '../../core/events/EventHub.js';
import { BandwidthEstimator } from './BandwidthEstimator.js';
import { ThroughputMeter } from './ThroughputMeter.js';
import { selectVariant } from './selectVariant.js';
import { RenditionLog } from './RenditionLog.js';
import type { RenditionShown } from './RenditionLog.js';
import { FrameMonitor } from './FrameMonitor.js';
import type { PlaybackEngineOptions, PlaybackEvents } from './PlaybackEngine.js';
import type { VirtualTimeline } from './VirtualTimeline.js';

/** Longest transfer, as a share of its media's duration, for which the next fragment is asked for alongside. */
const PIPELINE_SHARE = 0.25;

/** The engine's adaptive bitrate: what SegmentFetch asks, and what the engine reports. */
export interface Abr {
  /** The rendition of the next fragment (SegmentFetchHost.chooseVariant). */
  choose(variants: ParsedVariant[], current?: ParsedVariant, fragmentSeconds?: number): ParsedVariant | undefined;
  /** Whether the next fragment may be fetched during this one (SegmentFetchHost.pipeline). */
  pipeline(bandwidthBps: number, seconds: number): boolean;
  /** A media download finished (SegmentFetchHost.measure). */
  measure(url: string, bytes: number, startedAt: number): void;
  /** Resolves once the estimate is measured, or after `maxMs` (SegmentFetchHost.whenMeasured). */
  whenMeasured(maxMs: number): Promise<void>;
  /** The current estimate, bits/s, and how many samples came from Resource Timing or fetch timing. */
  estimate(): { bps: number; measured: boolean; resourceTiming: number; fetch: number };
  /** Renditions shown, most recent last (the last 100 changes). */
  shown(): RenditionShown[];
  /** A new timeline started. */
  reset(): void;
  destroy(): void;
}

/**
 * Wire the ABR parts for one engine: Resource Timing → BandwidthEstimator (ThroughputMeter),
 * per-fragment choice (selectVariant → chooseRendition) with the buffer ahead of the playhead
 * and the box cap, and the `renditionchange` event from presented frames (RenditionLog).
 *
 * @example
 * const abr = createAbr(video, options, () => session?.timeline ?? null, hub);
 * const host = { chooseVariant: abr.choose, measure: abr.measure, ... };
 */
export function createAbr(
  video: HTMLVideoElement,
  options: PlaybackEngineOptions,
  timeline: () => VirtualTimeline | null,
  hub: EventHub<PlaybackEvents>,
): Abr {
  const bandwidth = new BandwidthEstimator(options.defaultBandwidthBps ?? 0);
  const meter = new ThroughputMeter(bandwidth);
  const log = new RenditionLog();
  const isSupported = (type: string) => typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported(type);

  /** Seconds of media listed ahead of the playhead (downloaded, in the buffer or about to be). */
  function bufferAhead(): number {
    const shown = timeline()?.visible() ?? [];
    const last = shown.at(-1);
    return last ? Math.max(0, last.start + last.duration - video.currentTime) : 0;
  }

  const monitor = new FrameMonitor(video, (frame) => {
    const current = timeline();
    const change = current && log.presented(current, frame.mediaTime);
    if (change) hub.emit('renditionchange', { ...change });
  });

  return {
    choose(variants, current, fragmentSeconds = 1) {
      if (current && options.abr === 'per-segment') return current;
      const guess = options.defaultBandwidthBps;
      return selectVariant(
        variants,
        {
          // Before any download is timed: the embedder's guess if it gave one, else none (the lightest).
          estimateBps: bandwidth.measured ? bandwidth.estimate() : (guess ?? null),
          bufferAheadSeconds: bufferAhead(),
          playing: !video.paused && !video.ended,
          fragmentSeconds,
          maxHeight: options.maxVideoHeight?.(),
          isSupported,
        },
        current,
      );
    },
    // Two transfers at once only when one takes under a quarter of its media's time: on a link
    // the media nearly fills, the fragment needed first would arrive later.
    pipeline: (bps) => !bandwidth.measured || bps === 0 || bps / bandwidth.estimate() < PIPELINE_SHARE,
    measure: (url, bytes, startedAt) => meter.downloaded(url, bytes, startedAt),
    whenMeasured(maxMs) {
      // Polled: a sample lands when a download's Resource Timing entry is read, a few ms apart.
      const until = performance.now() + maxMs;
      return new Promise((resolve) => {
        const poll = () => (bandwidth.measured || performance.now() >= until ? resolve() : setTimeout(poll, 20));
        poll();
      });
    },
    estimate: () => ({ bps: bandwidth.estimate(), measured: bandwidth.measured, ...meter.counts }),
    shown: () => log.shown.map((s) => ({ ...s })),
    reset: () => log.reset(),
    destroy() {
      monitor.destroy();
      meter.destroy();
    },
  };
}
