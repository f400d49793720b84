import { hideHold, markGenerationFailed, needsRender, showHold } from './holdForGenerated.js';
import type { PlayerHost } from './PlayerHost.js';
import { clearPending, drain } from './queueSegment.js';

/** Seconds past a restart point that must be rendered before restarting there (the backend's head is 2 s). */
const RESTART_HEAD_S = 2;

/**
 * Start a new engine timeline on `segmentId`, `offset` seconds in (the story's start, back,
 * restore). A generated segment not rendered yet is requested at once (`whenPlayable`)
 * while the "generating…" hold shows over the dark stage or the last frame; the engine
 * gets it only once enough is playable, so the viewer never sees a black, silent player.
 * Resolves true once the engine has loaded it, false when it could not be generated (the
 * story then moves on: another path, with a non-fatal `error`).
 *
 * @example
 * state.ready = loadTimeline(host, 'intro', 0).then((ok) => ok && host.resume());
 */
export async function loadTimeline(host: PlayerHost, segmentId: string, offset: number): Promise<boolean> {
  const { state, engine } = host;
  const first = !state.loaded;
  state.loaded = true;
  state.timeBase = offset;
  const epoch = ++state.epoch;
  clearPending(host);
  if (needsRender(host, segmentId)) {
    state.loading = true;
    state.waitingFor = segmentId;
    showHold(host, segmentId, first ? 'Generating the story…' : 'Generating this scene…');
    // Its segmentstart (and the lookahead's count) came before this load: the held flag is for branches still to come.
    state.held.delete(segmentId);
    try {
      await host.generation!.whenPlayable(segmentId, offset > 0 ? offset + RESTART_HEAD_S : undefined);
    } catch (error) {
      if (state.epoch !== epoch || state.destroyed) return false;
      state.loading = false;
      state.waitingFor = null;
      hideHold(host);
      markGenerationFailed(host, segmentId, error);
      // Nothing is on the engine's timeline: the next segment starts a new one.
      state.loaded = false;
      host.actor?.send({ type: 'SEGMENT_END', segmentId });
      return false;
    }
    if (state.epoch !== epoch || state.destroyed) return false;
    state.loading = false;
    state.waitingFor = null;
  } else if (state.failed.has(segmentId)) {
    state.loaded = false;
    queueMicrotask(() => host.actor?.send({ type: 'SEGMENT_END', segmentId }));
    return false;
  }
  const source = host.source(segmentId);
  // load()/restartAt() create the engine's timeline synchronously, so what waited behind
  // this segment can be spliced right after.
  const loading = first && offset === 0 ? engine.load(source) : engine.restartAt(source, offset);
  drain(host);
  try {
    await loading;
  } finally {
    // Down once the engine has the picture (or gave up: its error says why).
    if (state.epoch === epoch && !state.waitingFor) hideHold(host);
  }
  return state.epoch === epoch;
}
