import { applyOption } from '../../core/rules/takeOption.js';
import { enterSegment } from '../../core/rules/enterSegment.js';
import type { Position } from '../../core/rules/Position.js';
import type { StoryEmittedMap } from '../../core/machine/StoryMachineEvents.js';
import type { PlayerHost } from './PlayerHost.js';
import { lifecycleState } from '../lifecycle/lifecycleState.js';
import { prefetchOptionTargets } from './prefetchOptionTargets.js';
import { queueSegment } from './queueSegment.js';
import { saveSnapshot } from './saveSnapshot.js';
import { startTimeline } from './startTimeline.js';
import { fatal } from './wireEngine.js';

/**
 * Story machine → engine, overlay, persistence and the player's events. The machine is
 * story truth; this only reacts to what it emits.
 *
 * @example
 * const unwire = wireStory(host); // after host.actor is created, before actor.start()
 */
export function wireStory(host: PlayerHost): () => void {
  const actor = host.actor;
  if (!actor) throw new Error('wireStory: no actor');
  const { engine, overlay, hub, records, story } = host;
  const position = (): Position => {
    const c = actor.getSnapshot().context;
    return { segmentId: c.segmentId, vars: c.vars, visits: c.visits };
  };
  const save = (): void => saveSnapshot(host);

  const onSegmentStart = (e: StoryEmittedMap['segmentstart']): void => {
    if (records.failed.has(e.segmentId)) {
      // A story that loops through failed segments only would skip round forever, and once
      // every one of them is known to fail, without a pause: the page would hang. Going
      // round more often than the story has segments without playing one means no playable path.
      if (++records.skipsInARow > Object.keys(story.segments).length) {
        fatal(
          host,
          `No playable path: the story goes round segments whose media failed (${[...records.failed].join(', ')}).`,
        );
        return;
      }
      // Its media cannot play: move the story on at once (the engine already has the continuation).
      queueMicrotask(() => actor.send({ type: 'SEGMENT_END', segmentId: e.segmentId }));
      return;
    }
    records.skipsInARow = 0;
    const segment = story.segments[e.segmentId];
    const seamless = lifecycleState(host.lifecycle).hasTimeline && e.offset === 0 && records.queued === e.segmentId;
    if (seamless) records.transitions++;
    records.queued = null;
    overlay.hideChoice();
    overlay.setCaptions(segment?.captions);
    overlay.setControls({ canGoBack: actor.getSnapshot().context.history.length > 0 });
    save();
    // Before loading or queueing: the generation client plans from here (wireGeneration),
    // so a generated segment the player must wait for is already asked for with its deadline.
    hub.emit('segmentstart', { segmentId: e.segmentId });
    if (!seamless) startTimeline(host, e.segmentId, e.offset);
    if (e.pendingNext) queueSegment(host, enterSegment(position(), e.pendingNext));
    // An ending that is still pending (rendering) gets end() when it is spliced instead, and
    // one that starts a timeline still rendering gets it from loadTimeline (no timeline yet).
    else if (segment?.end && records.pending.length === 0) {
      if (!lifecycleState(host.lifecycle).generating) safely(() => engine.end());
    } else safely(() => prefetchOptionTargets(host, position()));
  };

  const onChoiceStart = (e: StoryEmittedMap['choicestart']): void => {
    // Already asked for at segment start; this catches a generated head that became ready since.
    safely(() => prefetchOptionTargets(host, position()));
    overlay.showChoice({
      segmentId: e.segmentId,
      prompt: e.prompt,
      options: e.options.map((o) => ({ id: o.id, label: o.label })),
      until: e.deadline,
    });
    hub.emit('choicestart', { segmentId: e.segmentId, prompt: e.prompt, options: e.options, deadline: e.deadline });
  };

  const onChoice = (e: StoryEmittedMap['choice']): void => {
    if (records.failed.has(e.segmentId)) return; // a skipped segment's default: already handled
    const choice = story.segments[e.segmentId]?.choice;
    const option = choice?.options.find((o) => o.id === e.optionId);
    const c = actor.getSnapshot().context;
    const last = c.history[c.history.length - 1];
    const at =
      last && last.segmentId === e.segmentId && last.optionId === e.optionId
        ? { segmentId: e.segmentId, vars: last.vars, visits: last.visits }
        : position();
    const others = (choice?.options ?? []).map((o) => o.next).filter((t) => t !== e.next);
    safely(() => engine.cancel([...new Set(others)]));
    void overlay.confirmChoice(e.optionId, { byDefault: e.byDefault });
    overlay.setControls({ canGoBack: true });
    save();
    // Before queueing: the generation client commits the choice first (wireGeneration).
    hub.emit('choice', { segmentId: e.segmentId, optionId: e.optionId, byDefault: e.byDefault });
    if (option) queueSegment(host, applyOption(at, option));
  };

  const onEnded = (e: StoryEmittedMap['ended']): void => {
    overlay.setControls({ playing: false });
    hub.emit('ended', { segmentId: e.segmentId });
  };

  const subs = [
    actor.on('segmentstart', onSegmentStart),
    actor.on('choicestart', onChoiceStart),
    actor.on('choice', onChoice),
    actor.on('ended', onEnded),
  ];
  return () => {
    for (const s of subs) s.unsubscribe();
  };
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    console.warn('[offshoot]', error);
  }
}
