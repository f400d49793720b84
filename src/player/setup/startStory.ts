import { createActor } from 'xstate';
import { discoverHistory } from '../../core/ink/discoverHistory.js';
import { createStoryMachine } from '../../core/machine/createStoryMachine.js';
import type { StorySnapshot } from '../../core/machine/StorySnapshot.js';
import type { PlayerHost } from './PlayerHost.js';
import { wireStory } from './wireStory.js';

const LOCK_LEAD_SECONDS = 0.5;

/**
 * Start (or restart) the story machine on the engine's media-time clock, from the story's
 * start or from `resume`. A snapshot that does not fit the story is reported as a
 * non-fatal `resume-failed` error and the story starts from the beginning.
 *
 * @example
 * let stop = startStory(host, savedSnapshot);
 * stop(); // before destroy or restore
 */
export function startStory(host: PlayerHost, resume?: StorySnapshot | null): () => void {
  // Lock a choice 0.5 s before its segment ends at the latest, so the next segment is
  // queued while there is still picture to play (docs/decisions/0001-seamless-splicing.md).
  // An ink-driven story knows a snapshot's segments only once its history is played again.
  if (resume) discoverHistory(host.story, resume.history);
  const actor = createActor(createStoryMachine(host.story, { lockLeadSeconds: LOCK_LEAD_SECONDS }), {
    clock: host.engine.clock,
    input: resume ? { resume } : undefined,
  });
  host.actor = actor;
  const unwire = wireStory(host);
  let inner: (() => void) | null = null;
  const failed = actor.on('failed', (e) => {
    host.hub.emit('error', {
      code: 'resume-failed',
      message: `The saved place does not fit this story (${e.message}); starting from the beginning.`,
      fatal: false,
    });
    queueMicrotask(() => {
      if (host.actor !== actor) return;
      stop();
      inner = startStory(host, null);
    });
  });
  actor.start();
  function stop(): void {
    failed.unsubscribe();
    unwire();
    actor.stop();
    if (host.actor === actor) host.actor = null;
  }
  return () => {
    if (inner) inner();
    else stop();
  };
}
