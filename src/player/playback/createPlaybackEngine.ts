import Hls from 'hls.js/light';
import { EventHub } from '../../core/events/EventHub.js';
import type { PlaybackEngine, PlaybackEngineOptions, PlaybackEvents, SegmentSource } from './PlaybackEngine.js';
import { SegmentFetch } from './SegmentFetch.js';
import type { SegmentFetchHost } from './SegmentFetchHost.js';
import { TimelineSession } from './TimelineSession.js';
import { StatsRecorder } from './StatsRecorder.js';
import { createMediaClock } from './createMediaClock.js';
import { createAbr } from './createAbr.js';
import { LinkPriority } from './LinkPriority.js';
import { whenStartable } from './whenStartable.js';
import type { StartableHost } from './whenStartable.js';
import { RebufferHold } from './RebufferHold.js';
import { AudioSelection, viewerLanguages } from './audio/AudioSelection.js';
import { switchAudioTrack } from './audio/switchAudioTrack.js';
import { linkHasRoom } from './linkHasRoom.js';

/**
 * Create the playback engine over a `<video>` that stays in the DOM.
 *
 * @example
 * const engine = createPlaybackEngine(video);
 * engine.on('segmentstart', (e) => console.log(e.segmentId));
 * await engine.load({ segmentId: 'intro', url: '/media/intro/index.m3u8', durationSeconds: 4 });
 * await engine.play();
 * engine.prefetch([forest, home]);
 * engine.queueNext(forest); // the choice is locked
 */
export function createPlaybackEngine(video: HTMLVideoElement, options: PlaybackEngineOptions = {}): PlaybackEngine {
  const prefetchSeconds = options.prefetchSeconds ?? 1;
  const lookaheadSeconds = options.lookaheadSeconds ?? 30;
  const hub = new EventHub<PlaybackEvents>();
  const clock = createMediaClock();
  const stats = new StatsRecorder();
  const prefetches = new Map<string, SegmentFetch>();
  let session: TimelineSession | null = null;
  let destroyed = false;

  const abr = createAbr(video, options, () => session?.timeline ?? null, hub);
  // On a link the media nearly fills, the timeline's fragments go before prefetched options (LinkPriority).
  const priority = new LinkPriority<SegmentFetch>({
    timeline: () => session?.timeline.entries.map((e) => e.fetch) ?? [],
    nearlyFull: abr.nearlyFull,
    ahead: abr.ahead,
    transferSeconds: (fetch) => ((fetch.verified.at(-1)?.duration ?? 1) * abr.mediaBps()) / abr.estimate().bps,
  });
  const audio = new AudioSelection(() => viewerLanguages(options.audioLanguage));
  /** After an audio switch restarted the segment on screen: where its clock carries on from. */
  let audioBase: { fetch: SegmentFetch; seconds: number } | null = null;
  const fetchHost: SegmentFetchHost = {
    chooseVariant: abr.choose,
    measure: abr.measure,
    whenMeasured: abr.whenMeasured,
    pipeline: abr.pipeline,
    turn: (fetch, signal) => priority.turn(fetch, signal),
    retry: {
      retries: options.retries ?? 2,
      delayMs: options.retryDelayMs ?? 200,
      maxDelayMs: options.maxRetryDelayMs ?? 4_000,
      timeoutMs: options.fragmentTimeoutMs ?? 10_000,
    },
    playlistRetry: {
      retries: options.retries ?? 2,
      delayMs: options.retryDelayMs ?? 200,
      maxDelayMs: options.maxRetryDelayMs ?? 4_000,
      timeoutMs: options.playlistTimeoutMs ?? 2_000,
    },
    growingPollMs: options.growingPollMs ?? 500,
    checkStructure: true,
    onChange(fetch) {
      priority.done(fetch);
      session?.changed();
    },
    onError(fetch, error, fatalForSegment) {
      priority.done(fetch);
      // A queued segment that fails is cut where its media ends; the player may queue
      // another. Only a failing first segment (nothing to play at all) is fatal.
      const fatal = fatalForSegment && !!session?.isFirst(fetch) && fetch.verified.length === 0;
      hub.emit('error', { code: error.code, message: error.message, segmentId: fetch.source.segmentId, fatal });
    },
    onRetry: (fetch, notice) => hub.emit('retry', { segmentId: fetch.source.segmentId, ...notice }),
    onRecovered: (fetch, url, attempts) => hub.emit('recovered', { segmentId: fetch.source.segmentId, url, attempts }),
    assembler: (fetch, io) => audio.open(fetch, io),
  };
  const sessionHost = {
    hub,
    clock,
    stats,
    retry: fetchHost.retry,
    backBufferSeconds: options.backBufferSeconds ?? 30,
    lookaheadSeconds,
    hlsConfig: options.hlsConfig ?? {},
  };

  /** A prefetch of the same source, if one is still usable; otherwise a fresh fetch. */
  function takeFetch(source: SegmentSource, skipBeforeSeconds = 0): SegmentFetch {
    const prefetched = prefetches.get(source.segmentId);
    prefetches.delete(source.segmentId);
    if (prefetched && prefetched.source.url === source.url && !prefetched.failed && skipBeforeSeconds === 0) {
      prefetched.setLimit(lookaheadSeconds);
      return prefetched;
    }
    prefetched?.abort();
    return new SegmentFetch(source, lookaheadSeconds + skipBeforeSeconds, fetchHost, skipBeforeSeconds);
  }

  async function start(source: SegmentSource, offsetSeconds: number): Promise<void> {
    if (destroyed) throw new Error('PlaybackEngine: used after destroy()');
    if (!Hls.isSupported()) {
      const message = 'This browser has no Media Source Extensions with H.264: Offshoot cannot play here.';
      hub.emit('error', { code: 'unsupported', message, segmentId: source.segmentId, fatal: true });
      throw new Error(message);
    }
    stats.loadStarted();
    const opened = openSession(source, offsetSeconds).session;
    await opened.ready;
    // The first frame shows now; playback starts once the media ahead will keep ahead (startupGoal).
    await whenStartable(startable(() => (session === opened ? opened : null)));
  }

  /** What the start-up rule and the hold after a stall read (whenStartable), on timeline `current()`. */
  function startable(current: () => TimelineSession | null): StartableHost {
    return {
      ahead: abr.ahead,
      mediaBps: abr.mediaBps,
      estimate: abr.estimate,
      fragmentSeconds: () => current()?.timeline.visible()[0]?.fetch.verified[0]?.duration ?? 1,
      settled: () => !current()?.timeline.entries.some((e) => !e.fetch.finished),
    };
  }
  const hold = new RebufferHold(video, { ...startable(() => session), nearlyFull: abr.nearlyFull }, (holding) =>
    hub.emit('rebufferhold', {
      segmentId: session?.current()?.fetch.source.segmentId ?? null,
      mediaTime: video.currentTime,
      holding,
    }),
  );
  hub.on('waiting', () => hold.stalled());

  /** `clockSeconds`: an audio switch restarts the segment on screen, whose clock goes on from there. */
  function openSession(source: SegmentSource, offsetSeconds: number, clockSeconds?: number) {
    session?.destroy();
    abr.reset();
    const first = takeFetch(source, offsetSeconds);
    first.urgent();
    audioBase = clockSeconds === undefined ? null : { fetch: first, seconds: clockSeconds };
    session = new TimelineSession(video, first, offsetSeconds, sessionHost);
    return { session };
  }

  const segmentTime = () => {
    const current = session?.current();
    const base = audioBase && (!current || current.fetch === audioBase.fetch) ? audioBase.seconds : 0;
    return (session?.segmentTime() ?? 0) + base;
  };

  // The audio list is the segment on screen's: told when it changes (hls.js: AUDIO_TRACKS_UPDATED).
  let audioShown = JSON.stringify([[], -1]);
  hub.on('segmentstart', ({ segmentId }) => {
    const { tracks, audioTrack } = audio.tracksOf(session?.current()?.fetch);
    const key = JSON.stringify([tracks, audioTrack]);
    if (key !== audioShown) hub.emit('audiotrackschange', { segmentId, tracks, audioTrack });
    audioShown = key;
  });

  /**
   * The segment on screen; before a new timeline presents its first frame (a load, or the
   * restart an audio switch makes), the one it starts with, so `audioTrack` read right after
   * a switch already tells the new rendition.
   */
  function onScreen(): SegmentFetch | undefined {
    return session?.current()?.fetch ?? session?.timeline.entries[0]?.fetch;
  }

  function requireSession(method: string): TimelineSession {
    if (!session) throw new Error(`PlaybackEngine.${method}(): call load() first`);
    return session;
  }

  return {
    load: (first) => start(first, 0),
    restartAt: (source, offsetSeconds) => start(source, Math.max(0, offsetSeconds)),
    queueNext(next) {
      const current = requireSession('queueNext');
      if (current.timeline.isEnded)
        throw new Error(`PlaybackEngine.queueNext(${next.segmentId}): end() was already called`);
      current.queue(takeFetch(next));
    },
    end: () => requireSession('end').end(),
    prefetch(candidates) {
      for (const source of candidates) {
        const existing = prefetches.get(source.segmentId);
        if (existing && existing.source.url === source.url && !existing.failed) continue;
        existing?.abort();
        const fetch = new SegmentFetch(source, prefetchSeconds, fetchHost);
        // Before any timeline (the player's warm start of its first segment) nothing will be
        // timed to wait for: pick now, as load() would.
        if (!session) fetch.urgent();
        prefetches.set(source.segmentId, fetch);
      }
    },
    cancel(segmentIds) {
      for (const id of segmentIds) {
        prefetches.get(id)?.abort();
        prefetches.delete(id);
      }
    },
    play() {
      hold.release();
      return video.play();
    },
    pause() {
      hold.release();
      video.pause();
    },
    clock: clock.clock,
    segmentTime,
    currentSegmentId: () => session?.current()?.fetch.source.segmentId ?? null,
    audioTracks: () => audio.tracksOf(onScreen()).tracks,
    audioTrack: () => audio.tracksOf(onScreen()).audioTrack,
    async setAudioTrack(id) {
      const track = await switchAudioTrack(
        { video, audio, session: () => session, openSession, takeFetch, prefetches, segmentTime },
        id,
      );
      const fetch = audioBase?.fetch;
      if (!track || destroyed || !fetch) return;
      audioShown = JSON.stringify([audio.tracksOf(fetch).tracks, id]);
      hub.emit('audiotrackswitch', { segmentId: fetch.source.segmentId, audioTrack: id, track });
    },
    hasRoomFor: (bytes) =>
      linkHasRoom(
        {
          nearlyFull: abr.nearlyFull,
          ahead: abr.ahead,
          estimateBps: () => abr.estimate().bps,
          timelineDone: () => session?.timeline.complete() ?? false,
        },
        bytes,
      ),
    stats() {
      const listed = session?.timeline.visible() ?? [];
      let bufferedSeconds = 0;
      for (let i = 0; i < video.buffered.length; i++)
        bufferedSeconds += video.buffered.end(i) - video.buffered.start(i);
      let pendingBytes = 0;
      for (const entry of session?.timeline.entries ?? []) pendingBytes += entry.fetch.cachedBytes();
      for (const fetch of prefetches.values()) pendingBytes += fetch.cachedBytes();
      const held = {
        listedSegments: listed.length,
        listedFragments: listed.reduce((n, e) => n + e.fetch.verified.length, 0),
        bufferedSeconds,
        pendingBytes,
      };
      return { ...stats.snapshot(video, held), renditions: abr.shown(), throughput: abr.estimate() };
    },
    on: (type, handler) => hub.on(type, handler),
    off: (type, handler) => hub.off(type, handler),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      session?.destroy();
      session = null;
      abr.destroy();
      priority.destroy();
      for (const fetch of prefetches.values()) fetch.abort();
      prefetches.clear();
      clock.clear();
      hub.removeAll();
      video.removeAttribute('src');
      video.load();
    },
  };
}
