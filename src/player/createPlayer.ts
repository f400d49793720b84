import { createActor } from 'xstate';
import { EventHub } from '../core/events/EventHub.js';
import type { StorySnapshot } from '../core/machine/StorySnapshot.js';
import { createOverlay } from './overlay/createOverlay.js';
import type { Overlay } from './overlay/Overlay.js';
import { resolveStorage } from './persist/resolveStorage.js';
import { createPlaybackEngine } from './playback/PlaybackEngine.js';
import type { PlaybackEngine } from './playback/PlaybackEngine.js';
import type { Story } from '../core/story/Story.js';
import type { PlayerEvents } from './PlayerEvents.js';
import { lifecycleState, tell, timelineSettled } from './lifecycle/lifecycleState.js';
import { collectStats } from './setup/collectStats.js';
import { createPlayerRoot } from './setup/createPlayerRoot.js';
import { failedPlayer } from './setup/failedPlayer.js';
import { lifecycleFor } from './setup/lifecycleFor.js';
import type { LifecycleParts } from './setup/lifecycleFor.js';
import { loadStory } from './setup/loadStory.js';
import { loadInk } from './setup/loadInk.js';
import type { LoadedStory } from './setup/loadStory.js';
import type { Player } from './setup/Player.js';
import type { PlayerOptions } from './setup/PlayerOptions.js';
import { PlayerError } from './setup/PlayerError.js';
import type { PlayerHost } from './setup/PlayerHost.js';
import { playWithFallback } from './setup/playWithFallback.js';
import { replayEarlyEvents } from './setup/replayEarlyEvents.js';
import { segmentSource } from './setup/segmentSource.js';
import { showFatal } from './setup/showFatal.js';
import { startSnapshot } from './setup/startSnapshot.js';
import { startStory } from './setup/startStory.js';
import { wireEngine } from './setup/wireEngine.js';
import { wireOverlay } from './setup/wireOverlay.js';
import { wireGeneration } from './setup/wireGeneration.js';
import { wireSubtitles } from './setup/wireSubtitles.js';
import { wireAudioTracks } from './setup/wireAudioTracks.js';
import { playerSnapshot } from './setup/saveSnapshot.js';

/**
 * Create a player in `container`: load and validate the story, then wire the story
 * machine, the playback engine and the overlay. A story that cannot be loaded never
 * throws: the player shows why (as text) and emits a fatal `error`.
 *
 * Events: the story starts inside `createPlayer`, and a listener added with `player.on()`
 * right after it resolves (before the next task) still receives what was already emitted,
 * from the start segment's `segmentstart` on, then the live events; listeners in the `on`
 * option hear everything as it happens, load errors included. Event order: see `Player`.
 *
 * @example
 * const player = await createPlayer(document.querySelector('#stage')!, { story: '/stories/night-walk.json', autoplay: true, muted: true });
 * player.on('choice', (e) => analytics.track('choice', e));
 * player.on('ended', () => console.log(player.getStats()));
 */
export async function createPlayer(container: HTMLElement, options: PlayerOptions): Promise<Player> {
  const hub = new EventHub<PlayerEvents>();
  for (const [type, handler] of Object.entries(options.on ?? {}))
    if (handler) hub.on(type as keyof PlayerEvents, handler as never);
  // Kept for listeners added right after this resolves; closed one task later (or on destroy).
  const early = replayEarlyEvents(hub);
  // The player's lifecycle (docs/architecture.md): loading until the story and the renderer are up.
  const parts: LifecycleParts = { host: null, teardown: () => undefined };
  const lifecycle = createActor(lifecycleFor(parts), { input: { autoplay: options.autoplay } }).start();
  const { root, video } = createPlayerRoot(container, { muted: options.muted });

  // Declared before the overlay exists: its ticker asks for the time from the first frame.
  let host: PlayerHost | null = null;
  // Renditions taller than the player's box (in device pixels) are never fetched.
  const maxVideoHeight = () => Math.round(root.clientHeight * (globalThis.devicePixelRatio || 1)) || undefined;
  const engine = createPlaybackEngine(video, {
    maxVideoHeight,
    audioLanguage: options.audioLanguage,
    ...options.engine,
  });
  // A bad `start` fails here, like an invalid story: shown, never half-started.
  const storyRead = loadStory(options.story, options.baseUrl)
    .then(loadInk)
    .then((l) => ({
      ...l,
      start: options.start ? startSnapshot(l.story, options.start) : null,
    }));
  // Startup: fetch the first segment's head while the renderer starts (pixi's WebGL set-up
  // takes longer than reading the story); load() then takes over that download.
  storyRead.then(
    ({ story, baseUrl }) => warmStart(engine, story, baseUrl, options),
    () => undefined,
  );
  const [made, read] = await Promise.allSettled([
    createOverlay(root, {
      time: () => host?.segmentTime() ?? 0,
      controls: options.controls !== false,
      reducedMotion: options.reducedMotion,
      linkHasRoom: (bytes) => engine.hasRoomFor(bytes),
    }),
    storyRead,
  ]);
  if (made.status === 'rejected' || read.status === 'rejected') {
    // Nothing half-built stays behind: the message is all the player shows.
    engine.destroy();
    if (made.status === 'fulfilled') made.value.destroy();
    const reason: unknown = read.status === 'rejected' ? read.reason : (made as PromiseRejectedResult).reason;
    const e =
      reason instanceof PlayerError
        ? reason
        : new PlayerError('playback-failed', `The player could not start: ${String(reason)}`);
    tell(lifecycle, { type: 'LOAD_FAILED' });
    early.close();
    const cancel = showFatal(root, hub, e.code, e.message);
    return failedPlayer(root, hub, () => {
      cancel();
      tell(lifecycle, { type: 'DESTROY' });
    });
  }
  const overlay: Overlay = made.value;
  const loaded: LoadedStory & { start: StorySnapshot | null } = read.value;
  const { story, baseUrl } = loaded;
  overlay.attachVideo(video);
  const storage = resolveStorage(options.persist);
  const h: PlayerHost = {
    story,
    baseUrl,
    root,
    video,
    engine,
    overlay,
    hub,
    storage,
    actor: null,
    generation: null,
    lifecycle,
    records: {
      queued: null,
      timeBase: 0,
      failed: new Set(),
      skipsInARow: 0,
      transitions: 0,
      pending: [],
      held: new Set(),
    },
    source: (segmentId) => segmentSource(story, segmentId, baseUrl, h.generation?.status(segmentId).playlistUrl),
    segmentTime: () => engine.segmentTime() + h.records.timeBase,
    resume: () => {
      if (lifecycleState(lifecycle).wantsPlay) void playWithFallback(h);
    },
  };
  host = h;
  parts.host = h;

  const saved = loaded.start ?? (await loadSaved(h));
  const generation = wireGeneration(h, options.generation);
  h.generation = generation?.client ?? null;
  const subtitles = wireSubtitles(h, {
    subtitleLanguage: options.subtitleLanguage,
    lookaheadSeconds: options.engine?.lookaheadSeconds,
    saved: saved?.preferences?.subtitles,
  });
  const audio = wireAudioTracks(h);
  const unwire = [
    wireEngine(h),
    wireOverlay(h),
    () => generation?.destroy(),
    () => subtitles.unwire(),
    () => audio.unwire(),
  ];
  tell(lifecycle, { type: 'LOADED' });
  let stopStory = startStory(h, saved);
  parts.teardown = () => {
    early.close();
    stopStory();
    unwire.forEach((off) => off());
    // hls.js first: the video texture's destroy() clears the element's src.
    engine.destroy();
    overlay.destroy();
    hub.removeAll();
    root.remove();
  };
  setTimeout(() => early.close(), 0);

  return {
    story,
    element: root,
    play() {
      tell(lifecycle, { type: 'PLAY' });
      return playWithFallback(h);
    },
    pause() {
      tell(lifecycle, { type: 'PAUSE' });
      engine.pause();
    },
    choose: (optionId) => h.actor?.send({ type: 'CHOOSE', optionId }),
    back: () => h.actor?.send({ type: 'BACK' }),
    snapshot: () => playerSnapshot(h),
    restore(snapshot: StorySnapshot) {
      subtitles.restore(snapshot.preferences?.subtitles);
      stopStory();
      h.records.queued = null;
      stopStory = startStory(h, snapshot);
      return timelineSettled(lifecycle);
    },
    setMuted(muted) {
      video.muted = muted;
    },
    get subtitleTracks() {
      return subtitles.controller.tracks;
    },
    get subtitleTrack() {
      return subtitles.controller.track;
    },
    set subtitleTrack(id: number) {
      subtitles.select(id);
    },
    get audioTracks() {
      return audio.tracks();
    },
    get audioTrack() {
      return audio.track();
    },
    set audioTrack(id: number) {
      audio.select(id);
    },
    getStats: () => collectStats(h),
    on: early.on,
    off: early.off,
    // The lifecycle's `destroyed` state tears everything down, once.
    destroy: () => tell(lifecycle, { type: 'DESTROY' }),
  };
}

async function loadSaved(host: PlayerHost): Promise<StorySnapshot | null> {
  if (!host.storage) return null;
  try {
    return (await host.storage.load(host.story.id)) ?? null;
  } catch {
    return null;
  }
}

/** Prefetch the start segment, unless the player may resume elsewhere or must wait for a render. */
function warmStart(engine: PlaybackEngine, story: Story, baseUrl: string, options: PlayerOptions): void {
  const start = story.segments[story.start];
  if (options.persist || options.start || !start || start.generate) return;
  try {
    engine.prefetch([segmentSource(story, story.start, baseUrl)]);
  } catch {
    // Only an optimisation: load() fetches it anyway.
  }
}
