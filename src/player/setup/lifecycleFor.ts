import { fromPromise } from 'xstate';
import { playerLifecycle } from '../lifecycle/playerLifecycle.js';
import { hideHold, markGenerationFailed, showHold } from './holdForGenerated.js';
import type { PlayerHost } from './PlayerHost.js';
import { clearPending, drain } from './queueSegment.js';

/** What the lifecycle acts on: the host once the story is loaded, and how to take it all down. */
export interface LifecycleParts {
  host: PlayerHost | null;
  teardown(): void;
}

/**
 * The player's lifecycle machine with its actions and actors bound to a player: the setup
 * functions it runs on entering and leaving its states. Every action is guarded, so an
 * embedder's throwing handler (a hub event emitted from one) never stops the machine.
 *
 * @example
 * const parts: LifecycleParts = { host: null, teardown: () => undefined };
 * const lifecycle = createActor(lifecycleFor(parts), { input: { autoplay: true } }).start();
 */
export function lifecycleFor(parts: LifecycleParts) {
  const host = (): PlayerHost => {
    if (!parts.host) throw new Error('player lifecycle: no host yet (the story is still loading)');
    return parts.host;
  };
  /** Tell the story machine a segment cannot play, after the lifecycle's step (never inside it). */
  const endSegment = (segmentId: string): void =>
    queueMicrotask(() => host().actor?.send({ type: 'SEGMENT_END', segmentId }));
  return playerLifecycle.provide({
    actions: {
      beginTimeline: safely((_, { offset }: { segmentId: string; offset: number }) => {
        host().records.timeBase = offset;
        clearPending(host());
      }),
      showGenerating: safely((_, { segmentId, first }: { segmentId: string; first: boolean }) => {
        showHold(host(), segmentId, first ? 'Generating the story…' : 'Generating this scene…');
        // Its segmentstart (and the lookahead's count) came before: `held` is for branches still to come.
        host().records.held.delete(segmentId);
      }),
      skipSegment: safely((_, { segmentId }: { segmentId: string }) => endSegment(segmentId)),
      markRenderFailed: safely((_, { segmentId, error }: { segmentId: string; error: unknown }) =>
        markGenerationFailed(host(), segmentId, error),
      ),
      hideHold: safely((_, { branch }: { branch: string | null }) => {
        // Down once the engine has the picture, unless a branch behind it still renders.
        if (!branch) hideHold(host());
      }),
      resume: safely(() => host().resume()),
      drain: safely(() => drain(host())),
      reportFatal: safely((_, { message }: { message: string }) => {
        host().overlay.showMessage(`Sorry, this video cannot play. ${message}`);
        host().hub.emit('error', { code: 'playback-failed', message, fatal: true });
      }),
      teardown: safely(() => parts.teardown()),
    },
    actors: {
      whenPlayable: fromPromise<void, { segmentId: string; minSeconds?: number }>(async ({ input }) => {
        await host().generation!.whenPlayable(input.segmentId, input.minSeconds);
      }),
      loadTimeline: fromPromise<void, { segmentId: string; offset: number; first: boolean }>(async ({ input }) => {
        const h = host();
        const source = h.source(input.segmentId);
        const loading =
          input.first && input.offset === 0 ? h.engine.load(source) : h.engine.restartAt(source, input.offset);
        // load()/restartAt() create the engine's timeline synchronously, so what waited
        // behind this segment can be spliced right after.
        drain(h);
        // A timeline that starts on an ending it had to render first: wireStory could not end
        // a timeline that did not exist yet, so it is ended here (hls.js then ends the stream).
        if (h.story.segments[input.segmentId]?.end && h.records.pending.length === 0) h.engine.end();
        await loading;
      }),
    },
  });
}

function safely<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      fn(...args);
    } catch (error) {
      console.warn('[offshoot]', error);
    }
  };
}
