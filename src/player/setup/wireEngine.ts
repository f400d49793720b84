import type { PlaybackEvents } from '../playback/PlaybackEngine.js';
import type { PlayerHost } from './PlayerHost.js';
import {
  beginOutage,
  endOutage,
  generationUnreachable,
  hideHold,
  inOutage,
  showHold,
  showReconnecting,
} from './holdForGenerated.js';
import { queueSegment } from './queueSegment.js';
import { lifecycleState, tell } from '../lifecycle/lifecycleState.js';
import { enterSegment } from '../../core/rules/enterSegment.js';

/** How close to its declared end a segment's picture must be to count as finished. */
const END_SLACK_S = 0.25;

/**
 * Engine facts → story and viewer: keep the machine in step when media is shorter than
 * declared, and turn a failing segment into a non-fatal `error` plus another path
 * instead of a frozen picture.
 *
 * @example
 * const unwire = wireEngine(host);
 */
export function wireEngine(host: PlayerHost): () => void {
  const { engine, hub, records } = host;
  const waitingFor = (): string | null => lifecycleState(host.lifecycle).waitingFor;
  const context = () => host.actor?.getSnapshot().context ?? null;

  /** The picture stopped (`waiting`) and has not moved since. */
  let frozen = false;
  // A hold comes down when the picture moves again, not when the branch is spliced.
  const onPictureBack = (): void => {
    if (!waitingFor()) hideHold(host);
  };
  const onMoving = (): void => {
    frozen = false;
    onPictureBack();
  };

  /**
   * Whether a stopped picture waits on a download being retried: one of the segment on
   * screen, or of the one queued after it when the picture stopped at the segment's end (a
   * short stall elsewhere is not a reconnect).
   */
  const waitsOnOutage = (): boolean => {
    const c = context();
    const atEnd = !!c && host.segmentTime() >= (host.story.segments[c.segmentId]?.duration ?? Infinity) - END_SLACK_S;
    return inOutage(host, [engine.currentSegmentId()]) || (atEnd && inOutage(host, [records.queued]));
  };

  const onSegmentStart = (e: PlaybackEvents['segmentstart']): void => {
    onMoving();
    const c = context();
    if (!c) return;
    if (e.segmentId !== c.segmentId) records.timeBase = 0;
    // The engine crossed into the segment we spliced, but the machine's clock has not
    // reached the declared duration: the media was shorter. Let the story catch up.
    if (e.segmentId === records.queued && c.segmentId !== e.segmentId)
      host.actor?.send({ type: 'SEGMENT_END', segmentId: c.segmentId });
  };

  const onEnded = (): void => {
    onMoving();
    const c = context();
    if (c && host.actor?.getSnapshot().status === 'active')
      host.actor.send({ type: 'SEGMENT_END', segmentId: c.segmentId });
  };

  const onError = (e: PlaybackEvents['error']): void => {
    const c = context();
    const segmentId = e.segmentId;
    if (e.code === 'unsupported' || !segmentId || !c) {
      fatal(host, e.message);
      return;
    }
    if (e.code !== 'media-incompatible') endOutage(host); // retries of it ran out: nothing left to wait for
    onPictureBack();
    if (records.failed.has(segmentId)) return;
    records.failed.add(segmentId);
    hub.emit('error', {
      code: 'segment-failed',
      message: `Segment "${segmentId}" could not be played (${e.message}); taking another path.`,
      fatal: false,
      segmentId,
      cause: e.code,
    });
    if (e.fatal) tell(host.lifecycle, { type: 'TIMELINE_LOST' }); // the next segment starts a new timeline
    if (c.segmentId === segmentId) {
      host.actor?.send({ type: 'SEGMENT_END', segmentId });
    } else if (c.pendingNext === segmentId || records.queued === segmentId) {
      queueSegment(host, enterSegment({ segmentId: c.segmentId, vars: c.vars, visits: c.visits }, segmentId));
    }
  };

  // The media clock counts presented frames, so a timer due at a segment's very end (a
  // choice whose `until` is its duration) can wait for a frame that never comes when
  // nothing is queued yet. If the picture stops at the end of the segment with nothing
  // queued, the segment is over: tell the machine (it locks the default and moves on).
  const onWaiting = (): void => {
    frozen = true;
    // Played up to a generated branch that is still rendering: not the end of anything.
    // Hold the last frame with the progress; queueSegment splices the branch and
    // playback resumes by itself once it is playable.
    const held = waitingFor();
    if (held) {
      if (generationUnreachable(host)) showReconnecting(host);
      else showHold(host, held);
      return;
    }
    // Or one just spliced whose first fragments are still on their way (a growing
    // rendition, a busy backend): the same frozen picture, the same feedback.
    const queued = records.queued;
    const c0 = context();
    const atEnd = !!c0 && host.segmentTime() >= (host.story.segments[c0.segmentId]?.duration ?? Infinity) - END_SLACK_S;
    if (queued && atEnd && host.story.segments[queued]?.generate && engine.currentSegmentId() !== queued) {
      showHold(host, queued);
      return;
    }
    // Played up to media that is being downloaded again after a failure: say so, and wait
    // (the retry resumes the picture; running out of retries takes another path).
    if (waitsOnOutage()) {
      showReconnecting(host);
      return;
    }
    const c = context();
    if (!c || records.queued !== null || records.pending.length > 0 || host.actor?.getSnapshot().status !== 'active')
      return;
    const duration = host.story.segments[c.segmentId]?.duration ?? Infinity;
    if (engine.currentSegmentId() === c.segmentId && host.segmentTime() >= duration - END_SLACK_S) {
      host.actor.send({ type: 'SEGMENT_END', segmentId: c.segmentId });
    }
  };

  // A failed download being retried: reported once per outage; "Reconnecting…" only if the
  // picture stops meanwhile (most retries finish while the buffer still plays).
  const onRetry = (e: PlaybackEvents['retry']): void => {
    beginOutage(host, e.url, e.reason, e.code, e.segmentId);
    if (frozen && !waitingFor() && waitsOnOutage()) showReconnecting(host);
  };
  const onRecovered = (e: PlaybackEvents['recovered']): void => endOutage(host, e.url);

  const subs = [
    engine.on('segmentstart', onSegmentStart),
    engine.on('ended', onEnded),
    engine.on('error', onError),
    engine.on('waiting', onWaiting),
    engine.on('stall', onMoving),
    engine.on('retry', onRetry),
    engine.on('recovered', onRecovered),
    engine.on('renditionchange', (e) => hub.emit('renditionchange', { ...e })),
  ];
  return () => subs.forEach((off) => off());
}

/** Stop for good: the lifecycle fails, shows the message in the player and emits a fatal `error` (once). */
export function fatal(host: PlayerHost, message: string): void {
  tell(host.lifecycle, { type: 'FATAL', message });
}
