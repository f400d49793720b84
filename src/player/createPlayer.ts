import { EventHub } from '../core/events/EventHub.js';
import { snapshotOf } from '../core/machine/snapshotOf.js';
import type { StorySnapshot } from '../core/machine/StorySnapshot.js';
import { createOverlay } from './overlay/createOverlay.js';
import type { Overlay } from './overlay/Overlay.js';
import { resolveStorage } from './persist/resolveStorage.js';
import { createPlaybackEngine } from './playback/PlaybackEngine.js';
import type { PlaybackEngine } from './playback/PlaybackEngine.js';
import type { Story } from '../core/story/Story.js';
import type { PlayerEvents } from './PlayerEvents.js';
import { collectStats } from './setup/collectStats.js';
import { createPlayerRoot } from './setup/createPlayerRoot.js';
import { failedPlayer } from './setup/failedPlayer.js';
import { loadStory } from './setup/loadStory.js';
import type { LoadedStory } from './setup/loadStory.js';
import type { Player } from './setup/Player.js';
import type { PlayerOptions } from './setup/PlayerOptions.js';
import { PlayerError } from './setup/PlayerError.js';
import type { PlayerHost } from './setup/PlayerHost.js';
import { playWithFallback } from './setup/playWithFallback.js';
import { segmentSource } from './setup/segmentSource.js';
import { showFatal } from './setup/showFatal.js';
import { startSnapshot } from './setup/startSnapshot.js';
import { startStory } from './setup/startStory.js';
import { wireEngine } from './setup/wireEngine.js';
import { wireOverlay } from './setup/wireOverlay.js';
import { wireGeneration } from './setup/wireGeneration.js';

/**
 * Create a player in `container`: load and validate the story, then wire the story
 * machine, the playback engine and the overlay. A story that cannot be loaded never
 * throws: the player shows why (as text) and emits a fatal `error`.
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
  const { root, video } = createPlayerRoot(container, { muted: options.muted });

  // Declared before the overlay exists: its ticker asks for the time from the first frame.
  let host: PlayerHost | null = null;
  // Renditions taller than the player's box (in device pixels) are never fetched.
  const maxVideoHeight = () => Math.round(root.clientHeight * (globalThis.devicePixelRatio || 1)) || undefined;
  const engine = createPlaybackEngine(video, { maxVideoHeight, ...options.engine });
  // A bad `start` fails here, like an invalid story: shown, never half-started.
  const storyRead = loadStory(options.story, options.baseUrl).then((l) => ({
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
    return failedPlayer(root, hub, showFatal(root, hub, e.code, e.message));
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
    state: {
      loaded: false,
      queued: null,
      timeBase: 0,
      failed: new Set(),
      skipsInARow: 0,
      transitions: 0,
      wantPlay: options.autoplay === true,
      destroyed: false,
      ready: Promise.resolve(),
      pending: [],
      waitingFor: null,
      held: new Set(),
      loading: false,
      epoch: 0,
    },
    source: (segmentId) => segmentSource(story, segmentId, baseUrl, h.generation?.status(segmentId).playlistUrl),
    segmentTime: () => engine.segmentTime() + h.state.timeBase,
    resume: () => {
      if (h.state.wantPlay && !h.state.destroyed) void playWithFallback(h);
    },
  };
  host = h;

  const saved = loaded.start ?? (await loadSaved(h));
  const generation = wireGeneration(h, options.generation);
  h.generation = generation?.client ?? null;
  const unwire = [wireEngine(h), wireOverlay(h), () => generation?.destroy()];
  let stopStory = startStory(h, saved);

  return {
    story,
    element: root,
    play() {
      h.state.wantPlay = true;
      return playWithFallback(h);
    },
    pause() {
      h.state.wantPlay = false;
      engine.pause();
    },
    choose: (optionId) => h.actor?.send({ type: 'CHOOSE', optionId }),
    back: () => h.actor?.send({ type: 'BACK' }),
    snapshot: () => (h.actor ? snapshotOf(h.actor) : requireActor()),
    restore(snapshot: StorySnapshot) {
      stopStory();
      h.state.queued = null;
      stopStory = startStory(h, snapshot);
      return h.state.ready;
    },
    setMuted(muted) {
      video.muted = muted;
    },
    getStats: () => collectStats(h),
    on: (type, handler) => hub.on(type, handler),
    off: (type, handler) => hub.off(type, handler),
    destroy() {
      if (h.state.destroyed) return;
      h.state.destroyed = true;
      stopStory();
      unwire.forEach((off) => off());
      // hls.js first: the video texture's destroy() clears the element's src.
      engine.destroy();
      overlay.destroy();
      hub.removeAll();
      root.remove();
    },
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

function requireActor(): never {
  throw new Error('Player.snapshot(): the player is destroyed');
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
