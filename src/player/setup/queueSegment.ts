import { enterSegment } from '../../core/rules/enterSegment.js';
import type { Position } from '../../core/rules/Position.js';
import { continuationAfter } from './continuationAfter.js';
import { hideHold, markGenerationFailed, needsRender } from './holdForGenerated.js';
import type { PlayerHost } from './PlayerHost.js';

/**
 * Tell the engine what plays after the current segment: `position.segmentId`, or, when its
 * media already failed, whatever the story continues with (the engine gets `end()` when
 * that is an ending). Splicing early is what makes the branch seamless.
 *
 * A generated segment is spliced only once its playlist is playable (the generation
 * client's `whenPlayable`): handing the engine a playlist the backend has not written yet
 * fails it. Until then it waits in `state.pending` with whatever the story queues after it,
 * and if playback reaches the end of what is buffered first, the engine's `waiting` shows
 * the hold (wireEngine). A render that fails takes the story's continuation instead.
 *
 * @example
 * queueSegment(host, { segmentId: 'forest', vars, visits });
 */
export function queueSegment(host: PlayerHost, position: Position): void {
  const { state } = host;
  state.queued = position.segmentId;
  state.pending.push(position);
  if (state.pending.length === 1) drain(host);
}

/** Drop everything not yet spliced (a new timeline starts): waits still running are ignored. */
export function clearPending(host: PlayerHost): void {
  host.state.pending = [];
  host.state.waitingFor = null;
  host.state.held.clear();
  host.state.loading = false;
  hideHold(host);
}

/**
 * Splice pending segments in order until one must wait for its render. Nothing is spliced
 * while the timeline itself waits for its first segment (`state.loading`): loadTimeline
 * calls this again once the engine has it.
 */
export function drain(host: PlayerHost): void {
  const { state } = host;
  if (state.loading) return;
  while (state.pending.length > 0 && !state.destroyed) {
    const at = skipFailed(host, state.pending[0]!);
    if (at && needsRender(host, at.segmentId)) {
      state.pending[0] = at;
      waitFor(host, at);
      return;
    }
    if (at && state.failed.has(at.segmentId)) {
      state.pending[0] = at; // needsRender found it can never be rendered: skip from there
      continue;
    }
    state.pending.shift();
    splice(host, at);
  }
}

function waitFor(host: PlayerHost, at: Position): void {
  const { state } = host;
  const id = at.segmentId;
  if (state.waitingFor === id) return;
  state.waitingFor = id;
  const epoch = state.epoch;
  // Still ours only if no new timeline started and this is still the head of the queue.
  const current = (): boolean => !state.destroyed && state.epoch === epoch && state.pending[0] === at;
  host.generation!.whenPlayable(id).then(
    () => {
      if (!current()) return;
      // The hold stays up until the engine presents the segment (wireEngine): splicing
      // and buffering it still takes a moment of frozen picture.
      state.waitingFor = null;
      drain(host);
    },
    (error: unknown) => {
      if (!current()) return;
      state.waitingFor = null;
      markGenerationFailed(host, id, error);
      drain(host); // skipFailed now takes the story's continuation
    },
  );
}

/** The position itself, or where the story goes past segments whose media failed (null: the story ends). */
function skipFailed(host: PlayerHost, position: Position): Position | null {
  const { state, story } = host;
  let at: Position | null = position;
  // Bounded: a story has finitely many segments, and each skip moves to another one.
  for (let hops = 0; at && state.failed.has(at.segmentId) && hops <= Object.keys(story.segments).length; hops++) {
    const next = continuationAfter(story, at);
    at = next ? enterSegment(at, next) : null;
  }
  return at;
}

function splice(host: PlayerHost, at: Position | null): void {
  const { engine, state, story } = host;
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
    console.warn('[offshoot] could not queue the next segment', error);
  }
}
