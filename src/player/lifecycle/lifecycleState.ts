import type { Actor, SnapshotFrom } from 'xstate';
import type { LifecycleEvent } from './LifecycleEvent.js';
import type { playerLifecycle } from './playerLifecycle.js';

export type PlayerLifecycle = Actor<typeof playerLifecycle>;
type Snapshot = SnapshotFrom<typeof playerLifecycle>;

/**
 * The questions the setup functions ask of the player's lifecycle (playerLifecycle), answered
 * from its current state, never from flags of their own.
 *
 * @example
 * if (!lifecycleState(host.lifecycle).generating) drain(host);
 */
export function lifecycleState(lifecycle: PlayerLifecycle): {
  /** Running: loaded, neither failed nor destroyed. */
  running: boolean;
  /** The engine has a timeline (or one waits for its first segment to render). */
  hasTimeline: boolean;
  /** A new timeline waits for its generated first segment: nothing may be spliced yet. */
  generating: boolean;
  /** The generated segment the player waits for (a timeline's first, or a held branch), or null. */
  waitingFor: string | null;
  /** The viewer (or autoplay) asked to play. */
  wantsPlay: boolean;
} {
  const s: Snapshot = lifecycle.getSnapshot();
  const running = s.matches('running');
  const generating = s.matches({ running: { timeline: 'generating' } });
  const holding = s.matches({ running: { branch: 'holding' } });
  return {
    running,
    hasTimeline: running && !s.matches({ running: { timeline: 'idle' } }),
    generating,
    waitingFor: generating ? s.context.segmentId : holding ? s.context.branch : null,
    wantsPlay: s.matches({ running: { intent: 'playing' } }),
  };
}

/**
 * Send `event` unless the lifecycle is over (a destroyed player hears nothing more).
 *
 * @example
 * tell(host.lifecycle, { type: 'TIMELINE_LOST' });
 */
export function tell(lifecycle: PlayerLifecycle, event: LifecycleEvent): void {
  if (lifecycle.getSnapshot().status === 'active') lifecycle.send(event);
}

/**
 * Resolves once the timeline the lifecycle is starting is buffered, or was given up (a
 * failed render, a skipped segment, a fatal error, destroy): what `restore()` waits for.
 * Never rejects.
 *
 * @example
 * tell(host.lifecycle, { type: 'START', segmentId: 'dark', offset: 0, start: 'load' });
 * await timelineSettled(host.lifecycle);
 */
export function timelineSettled(lifecycle: PlayerLifecycle): Promise<void> {
  const starting = (s: Snapshot): boolean =>
    s.matches({ running: { timeline: 'generating' } }) || s.matches({ running: { timeline: 'buffering' } });
  return new Promise((resolve) => {
    if (!starting(lifecycle.getSnapshot())) return resolve();
    const sub = lifecycle.subscribe({
      next: (s) => {
        if (starting(s)) return;
        sub.unsubscribe();
        resolve();
      },
      complete: resolve,
      error: () => resolve(),
    });
  });
}
