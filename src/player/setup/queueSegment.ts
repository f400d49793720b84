import { enterSegment } from '../../core/rules/enterSegment.js';
import type { Position } from '../../core/rules/Position.js';
import { continuationAfter } from './continuationAfter.js';
import { hideHold, needsRender } from './holdForGenerated.js';
import { lifecycleState, tell } from '../lifecycle/lifecycleState.js';
import type { PlayerHost } from './PlayerHost.js';

/**
 * Tell the engine what plays after the current segment: `position.segmentId`, or, when its
 * media already failed, whatever the story continues with (the engine gets `end()` when
 * that is an ending). Splicing early is what makes the branch seamless.
 *
 * A generated segment is spliced only once its playlist is playable (the generation
 * client's `whenPlayable`): handing the engine a playlist the backend has not written yet
 * fails it. Until then it waits in `records.pending` (the lifecycle holds for it) with whatever the story queues after it,
 * and if playback reaches the end of what is buffered first, the engine's `waiting` shows
 * the hold (wireEngine). A render that fails takes the story's continuation instead.
 *
 * @example
 * queueSegment(host, { segmentId: 'forest', vars, visits });
 */
export function queueSegment(host: PlayerHost, position: Position): void {
  const { records } = host;
  records.queued = position.segmentId;
  records.pending.push(position);
  if (records.pending.length === 1) drain(host);
}

/**
 * Drop everything not yet spliced (a new timeline starts; the lifecycle leaves its hold, so
 * a render still awaited for it is ignored).
 */
export function clearPending(host: PlayerHost): void {
  host.records.pending = [];
  host.records.held.clear();
  hideHold(host);
}

/**
 * Splice pending segments in order until one must wait for its render. Nothing is spliced
 * while the timeline itself waits for its first segment (the lifecycle is
 * `generating`): its `loadTimeline` actor calls this again once the engine has it.
 */
export function drain(host: PlayerHost): void {
  const { records } = host;
  const now = lifecycleState(host.lifecycle);
  if (now.generating || !now.running) return;
  while (records.pending.length > 0) {
    const at = skipFailed(host, records.pending[0]!);
    if (at && needsRender(host, at.segmentId)) {
      records.pending[0] = at;
      // The lifecycle holds (branch.holding) until it is playable, then drains again.
      tell(host.lifecycle, { type: 'HOLD', segmentId: at.segmentId });
      return;
    }
    if (at && records.failed.has(at.segmentId)) {
      records.pending[0] = at; // needsRender found it can never be rendered: skip from there
      continue;
    }
    records.pending.shift();
    splice(host, at);
  }
}

/** The position itself, or where the story goes past segments whose media failed (null: the story ends). */
function skipFailed(host: PlayerHost, position: Position): Position | null {
  const { records, story } = host;
  let at: Position | null = position;
  // Bounded: a story has finitely many segments, and each skip moves to another one.
  for (let hops = 0; at && records.failed.has(at.segmentId) && hops <= Object.keys(story.segments).length; hops++) {
    const next = continuationAfter(story, at);
    at = next ? enterSegment(at, next) : null;
  }
  return at;
}

function splice(host: PlayerHost, at: Position | null): void {
  const { engine, records, story } = host;
  try {
    if (!at) {
      records.queued = null;
      engine.end();
      return;
    }
    records.queued = at.segmentId;
    engine.queueNext(host.source(at.segmentId));
    if (story.segments[at.segmentId]?.end) engine.end();
  } catch (error) {
    // The engine refuses once its timeline is ended or gone; the machine still moves on
    // and the next segmentstart restarts the engine where needed.
    console.warn('[offshoot] could not queue the next segment', error);
  }
}
