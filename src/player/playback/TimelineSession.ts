import type Hls from 'hls.js/light';
import type { ErrorData, HlsConfig } from 'hls.js';
import type { EventHub } from '../../core/events/EventHub.js';
import type { PlaybackEvents } from './PlaybackEngine.js';
import { VirtualTimeline } from './VirtualTimeline.js';
import type { TimelineEntry } from './VirtualTimeline.js';
import type { SegmentFetch } from './SegmentFetch.js';
import { createPlaylistLoader } from './createPlaylistLoader.js';
import { createFragmentLoader } from './createFragmentLoader.js';
import { fetchWithRetry } from './fetchWithRetry.js';
import { PlaybackError } from './PlaybackError.js';
import type { RetryPolicy } from './fetchWithRetry.js';
import { FrameMonitor } from './FrameMonitor.js';
import type { PresentedFrame } from './FrameMonitor.js';
import type { StatsRecorder } from './StatsRecorder.js';
import type { MediaClockControl } from './createMediaClock.js';
import { listen } from './listen.js';
import { TsTimeline } from './TsTimeline.js';
import { loadHls, needsFullHls } from './decrypt/loadHls.js';
import type { HlsClass } from './decrypt/loadHls.js';

/** What a session may use from the engine. */
export interface SessionHost {
  hub: EventHub<PlaybackEvents>;
  clock: MediaClockControl;
  stats: StatsRecorder;
  retry: RetryPolicy;
  backBufferSeconds: number;
  /** Seconds of queued media downloaded ahead of the playhead. */
  lookaheadSeconds: number;
  hlsConfig: Partial<HlsConfig>;
}

/** Half a frame at 30 fps: a frame this close to a boundary belongs to the next segment. */
const BOUNDARY_SLACK_S = 0.017;
let sessionCount = 0;

/**
 * One timeline: one hls.js instance, one MediaSource, one virtual playlist. `load` and
 * `restartAt` make a new session; `queueNext` appends to the current one.
 *
 * @example
 * const s = new TimelineSession(video, introFetch, 0, host);
 * await s.ready; s.queue(forestFetch);
 */
export class TimelineSession {
  readonly timeline = new VirtualTimeline();
  readonly ready: Promise<void>;
  /** Null until the hls.js build is loaded (at once for the light build; the full one is a lazy chunk). */
  private hls: Hls | null = null;
  private Hls: HlsClass | null = null;
  private destroyed = false;
  private readonly watchers = new Set<() => void>();
  private readonly monitor: FrameMonitor;
  private readonly cleanup: Array<() => void> = [];
  private index = -1;
  private waitingSince: number | null = null;
  private recoveredMediaError = false;
  private rejectReady: (error: Error) => void = () => {};
  /** The segment the session was started with (the timeline's front is trimmed later). */
  private readonly first: SegmentFetch;
  /** MPEG-TS segments are made one continuous stream (ADR 0010); unused for fMP4. */
  private readonly ts = new TsTimeline();

  constructor(
    private readonly video: HTMLVideoElement,
    first: SegmentFetch,
    private readonly startPosition: number,
    private readonly host: SessionHost,
  ) {
    this.first = first;
    this.timeline.append(first);
    this.ready = new Promise<void>((resolve, reject) => {
      this.rejectReady = reject;
      this.cleanup.push(listen(video, 'canplay', () => resolve()));
    });
    this.ready.catch(() => {}); // the engine awaits it; no unhandled rejection when nobody does
    const build = loadHls(host.hlsConfig);
    if (build instanceof Promise)
      build.then(
        (Class) => this.start(Class),
        (error: unknown) => this.failToLoadHls(error),
      );
    else this.start(build);
    this.monitor = new FrameMonitor(video, (frame, previous) => this.onFrame(frame, previous));
    this.cleanup.push(
      listen(video, 'waiting', () => this.onWaiting()),
      listen(video, 'playing', () => this.onPlaying()),
      listen(video, 'ended', () => host.hub.emit('ended', { mediaTime: video.currentTime })),
      listen(video, 'timeupdate', () => this.extendLookahead()),
    );
  }

  /** Make the hls.js instance once its build is here, and start it on the virtual playlist. */
  private start(Class: HlsClass): void {
    if (this.destroyed) return;
    this.Hls = Class;
    const hls = (this.hls = this.createHls(Class, this.startPosition));
    hls.on(Class.Events.ERROR, (_event, data) => this.onHlsError(data));
    hls.on(Class.Events.FRAG_BUFFERED, (_event, data) => this.onBuffered(data.frag.url));
    hls.attachMedia(this.video);
    hls.loadSource(new URL(`/__offshoot__/timeline-${++sessionCount}.m3u8`, location.href).href);
  }

  /** The full build's chunk did not load (offline, a CSP without it): a coded error, not a silent stall. */
  private failToLoadHls(error: unknown): void {
    if (this.destroyed) return;
    const message = `hls.js (full build, for DRM) could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
    this.host.hub.emit('error', { code: 'unsupported', message, segmentId: this.first.source.segmentId, fatal: true });
    this.rejectReady(new Error(message));
  }

  /** Something a fetch or the queue did may have changed the playlist. */
  changed(): void {
    this.refuseMixedContainers();
    this.refuseDrmWithoutConfig();
    const first = this.first;
    if (first.failed && first.verified.length === 0)
      this.rejectReady(new Error(`${first.source.segmentId} could not be loaded`));
    for (const watcher of [...this.watchers]) watcher();
  }

  /**
   * hls.js feeds muxed fMP4 to one SourceBuffer and transmuxed MPEG-TS to two, and cannot
   * switch between them in one MediaSource (the timeline would stop): a segment packaged the
   * other way than the first is refused before any of it is listed (ADR 0010).
   */
  private refuseMixedContainers(): void {
    // Unknown until a fragment is listed (a growing playlist may start empty, MAP and all).
    const kind = (f: SegmentFetch) => (f.playlist?.fragments.length ? (f.playlist.initUrl ? 'fMP4' : 'MPEG-TS') : null);
    const base = kind(this.first);
    if (!base) return;
    for (const { fetch } of this.timeline.entries) {
      const other = kind(fetch);
      if (!other || other === base || fetch.failed) continue;
      const message =
        `${fetch.playlist?.mediaUrl}: ${other} segments cannot follow ${base} ones on one timeline ` +
        `(hls.js cannot change SourceBuffer layout mid-stream); package every segment of the story as ${base}.`;
      fetch.refuse(new PlaybackError('media-incompatible', message));
    }
  }

  /**
   * A segment encrypted for a DRM system (EME key tags) cannot play without the embedder's DRM
   * configuration (no licence server to ask): refused with what to configure before any of it
   * is listed, instead of a decode error that would stop the timeline (ADR 0014).
   */
  private refuseDrmWithoutConfig(): void {
    if (needsFullHls(this.host.hlsConfig)) return;
    for (const { fetch } of this.timeline.entries) {
      const keys = fetch.playlist?.drmKeys;
      if (!keys?.length || fetch.failed) continue;
      const formats = [...new Set(keys.map((k) => /KEYFORMAT="([^"]*)"/.exec(k)?.[1] ?? '?'))].join(', ');
      const message =
        `${fetch.playlist?.mediaUrl}: encrypted for DRM (KEYFORMAT ${formats}), and no DRM is configured: ` +
        "pass the key system's licence server in the player's hlsConfig.drmSystems (ADR 0014).";
      fetch.refuse(new PlaybackError('media-incompatible', message));
    }
  }

  queue(fetch: SegmentFetch): void {
    this.timeline.append(fetch);
    this.changed();
  }

  end(): void {
    this.timeline.end();
    this.changed();
  }

  isFirst(fetch: SegmentFetch): boolean {
    return this.first === fetch;
  }

  current(): TimelineEntry | null {
    return this.timeline.visible()[this.index] ?? null;
  }

  /** Media seconds since playback entered the current segment (a restart enters at its offset). */
  segmentTime(): number {
    const entry = this.current();
    if (!entry) return 0;
    const entered = entry.start + this.ts.offsetSeconds + (entry.fetch === this.first ? this.startPosition : 0);
    return Math.max(0, this.video.currentTime - entered);
  }

  destroy(): void {
    this.monitor.destroy();
    for (const undo of this.cleanup.splice(0)) undo();
    this.watchers.clear();
    this.destroyed = true;
    this.hls?.destroy();
    for (const entry of this.timeline.entries) entry.fetch.abort();
    this.rejectReady(new Error('destroyed'));
  }

  private createHls(Class: HlsClass, startPosition: number): Hls {
    const retry = this.host.retry;
    const config = this.host.hlsConfig;
    return new Class({
      ...config,
      // Naming a key system is asking for EME (hls.js also wants emeEnabled). MediaKeys are set
      // before the first (maybe clear) segment plays: Chromium fails to reinitialise its decoders
      // when they arrive at a clear → encrypted seam (measured, ADR 0014).
      ...(needsFullHls(config)
        ? { emeEnabled: true, requireKeySystemAccessOnStart: config.requireKeySystemAccessOnStart ?? true }
        : {}),
      startPosition,
      backBufferLength: this.host.backBufferSeconds,
      enableWebVTT: false,
      enableIMSC1: false,
      enableCEA708Captions: false,
      capLevelToPlayerSize: false,
      pLoader: createPlaylistLoader({
        render: () => this.timeline.render(),
        hasMedia: () => this.timeline.visible().length > 0,
        watch: (listener) => {
          this.watchers.add(listener);
          return () => this.watchers.delete(listener);
        },
        holdMaxMs: 10_000,
      }),
      fLoader: createFragmentLoader({
        take: (url) => this.take(url),
        // Bytes the cache no longer holds (seek back): decrypted and repackaged like the first download.
        fetch: async (url, signal) => {
          const [plain, tag] = url.split('#o=');
          const entry = this.timeline.entries.find((e) => String(e.fetch.id) === tag);
          if (entry) return this.placeTs(entry, plain!, await entry.fetch.refetch(plain!, signal));
          return fetchWithRetry(plain!, 'arrayBuffer', 'fragment-load-failed', retry, signal);
        },
      }),
    });
  }

  /** The first fragment of a queued segment reached the buffer: how long since queueNext. */
  private onBuffered(url: string): void {
    const index = this.timeline.entries.findIndex((e) => url.endsWith(`#o=${e.fetch.id}`));
    const entry = this.timeline.entries[index];
    if (!entry || entry.bufferedAt !== null) return;
    entry.bufferedAt = performance.now();
    if (index > 0) this.host.stats.spliced(entry.fetch.source.segmentId, entry.bufferedAt - entry.queuedAt);
  }

  /** Bytes for a timeline URL `<absolute url>#o=<fetch id>`. */
  private take(url: string): ArrayBuffer | undefined {
    const [plain, tag] = url.split('#o=');
    const entry = this.timeline.entries.find((e) => String(e.fetch.id) === tag);
    const bytes = plain ? entry?.fetch.take(plain) : undefined;
    return entry && bytes ? this.placeTs(entry, plain!, bytes) : bytes;
  }

  /** An MPEG-TS fragment moved to its segment's place on the one continuous stream (TsTimeline). */
  private placeTs(entry: TimelineEntry, url: string, bytes: ArrayBuffer): ArrayBuffer {
    if (entry.fetch.playlist?.initUrl) return bytes;
    const placed = this.ts.place(entry, url, bytes);
    this.timeline.presentationOffset = this.ts.offsetSeconds; // for RenditionLog's frame → fragment
    return placed;
  }

  private onFrame(frame: PresentedFrame, previous: PresentedFrame | null): void {
    const { stats, clock, hub } = this.host;
    stats.firstFrame();
    if (previous) {
      const delta = frame.mediaTime - previous.mediaTime;
      if (delta > 0 && delta < 1) clock.advance(delta);
    }
    const visible = this.timeline.visible();
    let k = -1;
    visible.forEach((entry, i) => {
      if (entry.start + this.ts.offsetSeconds <= frame.mediaTime + BOUNDARY_SLACK_S) k = i;
    });
    if (k < 0 || k === this.index) return;
    const entry = visible[k]!;
    if (previous && k === this.index + 1) stats.boundary(entry.fetch.source.segmentId, previous, frame);
    this.index = k;
    this.evictBefore(frame.mediaTime - this.host.backBufferSeconds);
    hub.emit('segmentstart', { segmentId: entry.fetch.source.segmentId, mediaTime: frame.mediaTime });
  }

  /** Let each visible segment download up to `lookaheadSeconds` past the playhead, no further. */
  private extendLookahead(): void {
    const horizon = this.video.currentTime + this.host.lookaheadSeconds;
    for (const entry of this.timeline.visible()) entry.fetch.setLimit(horizon - entry.start);
  }

  /**
   * Segments behind the back buffer: drop any bytes still held for them, and take them off
   * the playlist (hls.js has evicted their media by now: same horizon as its backBufferLength).
   */
  private evictBefore(time: number): void {
    for (const entry of this.timeline.visible()) if (entry.start + entry.duration < time) entry.fetch.abort();
    this.index -= this.timeline.trimBefore(time);
  }

  private onWaiting(): void {
    if (!this.host.stats.started || this.video.seeking || this.waitingSince !== null) return;
    this.waitingSince = performance.now();
    this.host.stats.waiting();
    this.host.hub.emit('waiting', {
      segmentId: this.current()?.fetch.source.segmentId ?? null,
      mediaTime: this.video.currentTime,
    });
  }

  private onPlaying(): void {
    if (this.waitingSince === null) return;
    const durationMs = performance.now() - this.waitingSince;
    this.waitingSince = null;
    this.host.stats.stall(durationMs);
    this.host.hub.emit('stall', {
      segmentId: this.current()?.fetch.source.segmentId ?? null,
      mediaTime: this.video.currentTime,
      durationMs,
    });
  }

  private onHlsError(data: ErrorData): void {
    if (!data.fatal) return;
    const { ErrorTypes } = this.Hls!;
    if (data.type === ErrorTypes.MEDIA_ERROR && !this.recoveredMediaError) {
      this.recoveredMediaError = true;
      this.hls?.recoverMediaError();
      return;
    }
    const code =
      data.type === ErrorTypes.MEDIA_ERROR
        ? 'media-error'
        : data.type === ErrorTypes.KEY_SYSTEM_ERROR
          ? 'key-load-failed'
          : data.details.startsWith('frag')
            ? 'fragment-load-failed'
            : 'playlist-load-failed';
    const segmentId = this.current()?.fetch.source.segmentId;
    this.host.hub.emit('error', {
      code,
      message: `hls.js: ${data.details}${data.error ? ` (${data.error.message})` : ''}`,
      segmentId,
      fatal: true,
    });
    this.rejectReady(new Error(`hls.js: ${data.details}`));
  }
}
