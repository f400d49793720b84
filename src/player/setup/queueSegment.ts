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
