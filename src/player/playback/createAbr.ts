import type { ParsedVariant } from 'm3u8-parser';
import type { EventHub } from '../../core/events/EventHub.js';
import { BandwidthEstimator } from './BandwidthEstimator.js';
import { ThroughputMeter } from './ThroughputMeter.js';
import { selectVariant } from './selectVariant.js';
import { browserPlays } from './checkCodecSupport.js';
import { RenditionLog } from './RenditionLog.js';
import type { RenditionShown } from './RenditionLog.js';
import { FrameMonitor } from './FrameMonitor.js';
import type { PlaybackEngineOptions, PlaybackEvents } from './PlaybackEngine.js';
import type { VirtualTimeline } from './VirtualTimeline.js';

/** Longest transfer, as a share of its media's duration, for which the next fragment is asked for alongside. */
const PIPELINE_SHARE = 0.25;
/** Media that needs this share of the estimate or more nearly fills the link: downloads take turns (LinkPriority). */
const NEARLY_FULL_SHARE = 0.5;
/** Fragments whose sizes give the media's rate (the most recent listed ones). */
const RATE_FRAGMENTS = 4;

/** The engine's adaptive bitrate: what SegmentFetch asks, and what the engine reports. */
export interface Abr {
  /** The rendition of the next fragment (SegmentFetchHost.chooseVariant). */
  choose(
    variants: ParsedVariant[],
    current?: ParsedVariant,
    fragmentSeconds?: number,
    listingLimited?: boolean,
  ): ParsedVariant | undefined;
  /** Whether the next fragment may be fetched during this one (SegmentFetchHost.pipeline). */
  pipeline(bandwidthBps: number, seconds: number): boolean;
  /** A media download finished (SegmentFetchHost.measure). */
  measure(url: string, bytes: number, startedAt: number): void;
  /** Resolves once the estimate is measured, or after `maxMs` (SegmentFetchHost.whenMeasured). */
  whenMeasured(maxMs: number): Promise<void>;
  /** The current estimate, bits/s, and how many downloads were timed from Resource Timing or the fetch, or came from the cache. */
  estimate(): { bps: number; measured: boolean; resourceTiming: number; fetch: number; cached: number };
  /**
   * Bits/s of the media the timeline lists last (its fragments' bytes, a separate audio
   * rendition's included, over their duration; BANDWIDTH before any arrived); 0 unknown.
   */
  mediaBps(): number;
  /** Whether that media needs NEARLY_FULL_SHARE of the measured estimate or more. */
  nearlyFull(): boolean;
  /** Seconds of media listed past the playhead. */
  ahead(): number;
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
  /** Body bytes of recent media downloads, by URL (the media's own rate, for the start-up rule). */
  const sizes = new Map<string, number>();

  /** Seconds of media listed ahead of the playhead (downloaded, in the buffer or about to be). */
  function bufferAhead(): number {
    const shown = timeline()?.visible() ?? [];
    const last = shown.at(-1);
    return last ? Math.max(0, last.start + last.duration - video.currentTime) : 0;
  }

  function mediaBps(): number {
    const listed = (timeline()?.visible() ?? []).flatMap((e) => e.fetch.verified).slice(-RATE_FRAGMENTS);
    let bits = 0;
    let seconds = 0;
    for (const f of listed) {
      const bytes = sizes.get(f.url);
      if (bytes === undefined) continue;
      bits += (bytes + (f.audioBytes ?? 0)) * 8;
      seconds += f.duration;
    }
    return seconds > 0 ? bits / seconds : (listed.at(-1)?.bandwidth ?? 0);
  }

  const monitor = new FrameMonitor(video, (frame) => {
    const current = timeline();
    const change = current && log.presented(current, frame.mediaTime);
    if (change) hub.emit('renditionchange', { ...change });
  });

  return {
    choose(variants, current, fragmentSeconds = 1, listingLimited = false) {
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
          probeUp: meter.lastCached,
          listingLimited,
          // MediaSource, or ManagedMediaSource where it is the only one (an iPhone).
          isSupported: browserPlays,
        },
        current,
      );
    },
    // Two transfers at once only when one takes under a quarter of its media's time: on a link
    // the media nearly fills, the fragment needed first would arrive later.
    // A media playlist has no BANDWIDTH (0): its fragments' own rate stands in.
    pipeline(bps) {
      const rate = bps || mediaBps();
      return !bandwidth.measured || rate === 0 || rate / bandwidth.estimate() < PIPELINE_SHARE;
    },
    measure(url, bytes, startedAt) {
      sizes.delete(url);
      sizes.set(url, bytes);
      if (sizes.size > 256) sizes.delete(sizes.keys().next().value!);
      meter.downloaded(url, bytes, startedAt);
    },
    whenMeasured(maxMs) {
      // Polled: a sample lands when a download's Resource Timing entry is read, a few ms apart.
      const until = performance.now() + maxMs;
      return new Promise((resolve) => {
        const poll = () => (bandwidth.measured || performance.now() >= until ? resolve() : setTimeout(poll, 20));
        poll();
      });
    },
    estimate: () => ({ bps: bandwidth.estimate(), measured: bandwidth.measured, ...meter.counts }),
    mediaBps,
    nearlyFull: () => bandwidth.measured && mediaBps() >= NEARLY_FULL_SHARE * bandwidth.estimate(),
    ahead: bufferAhead,
    shown: () => log.shown.map((s) => ({ ...s })),
    reset: () => log.reset(),
    destroy() {
      monitor.destroy();
      meter.destroy();
    },
  };
}
