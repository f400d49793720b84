import { enterSegment } from '../../core/rules/enterSegment.js';
import type { Position } from '../../core/rules/Position.js';
import { continuationAfter } from './continuationAfter.js';
import type { PlayerHost } from './PlayerHost.js';

/**
 * Tell the engine what plays after the current segment: `position.segmentId`, or, when its
 * media already failed, whatever the story continues with (the engine gets `end()` when
 * that is an ending). Splicing early is what makes the branch seamless.
 *
 * @example
 * queueSegment(host, { segmentId: 'forest', vars, visits });
 */
export function queueSegment(host: PlayerHost, position: Position): void {
  const { engine, state, story } = host;
  let at: Position | null = position;
  // Bounded: a story has finitely many segments, and each skip moves to another one.
  for (let hops = 0; at && state.failed.has(at.segmentId) && hops <= Object.keys(story.segments).length; hops++) {
    const next = continuationAfter(story, at);
    at = next ? enterSegment(at, next) : null;
  }
  if (at && story.segments[at.segmentId]?.generate && host.generation && !host.generation.status(at.segmentId).ready) {
    waitForGenerated(host, at);
    return;
  }
  try {
    if (!at) {
      state.queued = null;
      engine.end();
      return;
    }
    state.queued = at.segmentId;
    engine.queueNext(host.source(at.segmentId));
    if (story.segments[at.segmentId]?.end) engine.end();
  } catch (error) {
    // The engine refuses once its timeline is ended or gone; the machine still moves on
    // and the next segmentstart restarts the engine where needed.
    state.queued = null;
    console.warn('[offshoot] could not queue the next segment', error);
  }
}

/** A generated branch still rendering: splice it once its head is playable (the hold shows if playback gets there first). */
function waitForGenerated(host: PlayerHost, at: Position): void {
  const { state, engine, overlay } = host;
  const id = at.segmentId;
  state.queued = id;
  state.waitingFor = id;
  const done = (): boolean => {
    if (state.destroyed || state.waitingFor !== id) return false;
    state.waitingFor = null;
    state.holding = false;
    overlay.setHold(null);
    return true;
  };
  host.generation!.whenPlayable(id).then(
    () => {
      if (!done()) return;
      try {
        engine.queueNext(host.source(id));
        if (host.story.segments[id]?.end) engine.end();
      } catch (error) {
        console.warn('[offshoot] could not queue the generated segment', error);
      }
    },
    () => {
      if (!done()) return;
      state.failed.add(id);
      queueSegment(host, at); // skips it: the story's continuation plays instead
    },
  );
}
