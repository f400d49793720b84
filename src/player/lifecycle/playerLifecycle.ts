import { assign, fromPromise, setup } from 'xstate';
import type { LifecycleEvent, Outage } from './LifecycleEvent.js';

/** What the player's modes carry: only data that belongs to the state it is in. */
export interface LifecycleContext {
  autoplay: boolean;
  /** The segment the engine timeline started on (or waits to start on), and seconds into it. */
  segmentId: string | null;
  offset: number;
  /** The timeline starts with `engine.load()` (there was none) rather than `restartAt()`. */
  first: boolean;
  /** The generated branch the player holds for (branch.holding), else null. */
  branch: string | null;
  /** Downloads being retried (link.retrying / link.reconnecting). */
  outages: Outage[];
}

type Segment = { segmentId: string };
const noop = (): void => undefined;

/**
 * The player's lifecycle as one machine, beside the story machine: the story machine says
 * *what* plays; this one says what the player is doing about it. Four regions run side by
 * side while the player runs:
 *
 * - `timeline`: the engine's timeline. `idle` (none), `generating` (its first segment is
 *   rendering: nothing may be spliced), `buffering` (loaded, not yet buffered), `ready`.
 * - `branch`: `flowing`, or `holding` while the next generated branch renders.
 * - `intent`: whether the viewer wants the picture to move (`playing`) or not (`paused`).
 * - `link`: `online`, `retrying` (a download failed and is retried) or `reconnecting` (the
 *   picture stopped on it and the viewer was told).
 *
 * Actions and actors here are placeholders: `lifecycleFor(host)` provides the real ones, so
 * this definition runs in Node tests and draws the diagram in docs/architecture.md.
 *
 * @example
 * const actor = createActor(playerLifecycle.provide(implementations), { input: { autoplay: true } }).start();
 * actor.send({ type: 'LOADED' });
 * actor.getSnapshot().matches({ running: { timeline: 'idle' } }); // true
 */
export const playerLifecycle = setup({
  types: {
    context: {} as LifecycleContext,
    events: {} as LifecycleEvent,
    input: {} as { autoplay?: boolean },
  },
  actions: {
    /** A new timeline: everything queued for the old one is dropped. */
    beginTimeline: noop as (_: unknown, p: { segmentId: string; offset: number }) => void,
    /** The "generating…" hold over the stage while the first segment renders. */
    showGenerating: noop as (_: unknown, p: { segmentId: string; first: boolean }) => void,
    /** The segment cannot play (failed before, or failed to render): the story moves on. */
    skipSegment: noop as (_: unknown, p: Segment) => void,
    markRenderFailed: noop as (_: unknown, p: Segment & { error: unknown }) => void,
    /** Take the hold down unless a branch is still held. */
    hideHold: noop as (_: unknown, p: { branch: string | null }) => void,
    resume: noop,
    /** Splice what waits to be spliced, up to the next segment that must render first. */
    drain: noop,
    reportFatal: noop as (_: unknown, p: { message: string }) => void,
    teardown: noop,
  },
  actors: {
    /** Resolves once `segmentId` is playable (`minSeconds` of it, for a restart mid-segment). */
    whenPlayable: fromPromise<void, { segmentId: string; minSeconds?: number }>(async () => undefined),
    /** Creates the engine timeline on the segment, splices what waits behind it, resolves once buffered. */
    loadTimeline: fromPromise<void, { segmentId: string; offset: number; first: boolean }>(async () => undefined),
  },
  guards: {
    rendersFirst: ({ event }) => event.type === 'START' && event.start === 'render',
    skips: ({ event }) => event.type === 'START' && event.start === 'skip',
    autoplay: ({ context }) => context.autoplay,
    otherBranch: ({ context, event }) => event.type === 'HOLD' && event.segmentId !== context.branch,
    lastOutage: ({ context, event }) =>
      event.type === 'OUTAGE_END' && (event.key === undefined || context.outages.every((o) => o.key === event.key)),
  },
}).createMachine({
  id: 'player',
  initial: 'loading',
  context: ({ input }) => ({
    autoplay: input.autoplay === true,
    segmentId: null,
    offset: 0,
    first: true,
    branch: null,
    outages: [],
  }),
  on: { DESTROY: '.destroyed' },
  states: {
    loading: { on: { LOADED: 'running', LOAD_FAILED: 'failed' } },
    running: {
      type: 'parallel',
      on: { FATAL: { target: 'failed', actions: { type: 'reportFatal', params: ({ event }) => fatalMessage(event) } } },
      states: {
        timeline: {
          initial: 'idle',
          // A START in any state but idle restarts the timeline (back, restore, a new path).
          on: {
            START: [
              {
                guard: 'rendersFirst',
                target: '#player.running.timeline.generating',
                actions: [assign(beginning(false)), { type: 'beginTimeline', params: ({ event }) => startOf(event) }],
              },
              {
                guard: 'skips',
                target: '#player.running.timeline.idle',
                actions: [
                  assign(beginning(false)),
                  { type: 'beginTimeline', params: ({ event }) => startOf(event) },
                  { type: 'skipSegment', params: ({ event }) => startOf(event) },
                ],
              },
              {
                target: '#player.running.timeline.buffering',
                actions: [assign(beginning(false)), { type: 'beginTimeline', params: ({ event }) => startOf(event) }],
              },
            ],
          },
          states: {
            idle: {
              on: {
                START: [
                  {
                    guard: 'rendersFirst',
                    target: '#player.running.timeline.generating',
                    actions: [
                      assign(beginning(true)),
                      { type: 'beginTimeline', params: ({ event }) => startOf(event) },
                    ],
                  },
                  {
                    guard: 'skips',
                    target: '#player.running.timeline.idle',
                    actions: [
                      assign(beginning(true)),
                      { type: 'beginTimeline', params: ({ event }) => startOf(event) },
                      { type: 'skipSegment', params: ({ event }) => startOf(event) },
                    ],
                  },
                  {
                    target: '#player.running.timeline.buffering',
                    actions: [
                      assign(beginning(true)),
                      { type: 'beginTimeline', params: ({ event }) => startOf(event) },
                    ],
                  },
                ],
              },
            },
            generating: {
              entry: {
                type: 'showGenerating',
                params: ({ context }) => ({ segmentId: context.segmentId!, first: context.first }),
              },
              invoke: {
                src: 'whenPlayable',
                // A restart mid-segment needs its head from there on (the backend's head is 2 s).
                input: ({ context }) => ({
                  segmentId: context.segmentId!,
                  minSeconds: context.offset > 0 ? context.offset + 2 : undefined,
                }),
                onDone: 'buffering',
                onError: {
                  target: 'idle',
                  actions: [
                    { type: 'hideHold', params: { branch: null } },
                    {
                      type: 'markRenderFailed',
                      params: ({ context, event }) => ({ segmentId: context.segmentId!, error: event.error }),
                    },
                    { type: 'skipSegment', params: ({ context }) => ({ segmentId: context.segmentId! }) },
                  ],
                },
              },
            },
            buffering: {
              invoke: {
                src: 'loadTimeline',
                input: ({ context }) => ({
                  segmentId: context.segmentId!,
                  offset: context.offset,
                  first: context.first,
                }),
                onDone: {
                  target: 'ready',
                  actions: [{ type: 'hideHold', params: ({ context }) => ({ branch: context.branch }) }, 'resume'],
                },
                // The engine's own error event says why and takes another path.
                onError: {
                  target: 'ready',
                  actions: { type: 'hideHold', params: ({ context }) => ({ branch: context.branch }) },
                },
              },
              on: { TIMELINE_LOST: 'idle' },
            },
            ready: { on: { TIMELINE_LOST: 'idle' } },
          },
        },
        branch: {
          initial: 'flowing',
          // A new timeline drops what was queued for the old one, held branch included.
          on: { START: { target: '.flowing', actions: assign({ branch: null }) } },
          states: {
            flowing: {
              on: { HOLD: { target: 'holding', actions: assign({ branch: ({ event }) => event.segmentId }) } },
            },
            holding: {
              invoke: {
                src: 'whenPlayable',
                input: ({ context }) => ({ segmentId: context.branch! }),
                // The hold itself stays up until the picture moves again (wireEngine).
                onDone: { target: 'flowing', actions: [assign({ branch: null }), 'drain'] },
                onError: {
                  target: 'flowing',
                  actions: [
                    {
                      type: 'markRenderFailed',
                      params: ({ context, event }) => ({ segmentId: context.branch!, error: event.error }),
                    },
                    assign({ branch: null }),
                    'drain',
                  ],
                },
              },
              on: {
                HOLD: {
                  guard: 'otherBranch',
                  target: 'holding',
                  reenter: true,
                  actions: assign({ branch: ({ event }) => event.segmentId }),
                },
              },
            },
          },
        },
        intent: {
          initial: 'choosing',
          states: {
            choosing: { always: [{ guard: 'autoplay', target: 'playing' }, { target: 'paused' }] },
            paused: { on: { PLAY: 'playing' } },
            playing: { on: { PAUSE: 'paused' } },
          },
        },
        link: {
          initial: 'online',
          on: {
            OUTAGE: {
              target: '.retrying',
              actions: assign({ outages: ({ context, event }) => addOutage(context, event) }),
            },
            OUTAGE_END: [
              { guard: 'lastOutage', target: '.online', actions: assign({ outages: [] }) },
              {
                actions: assign({
                  outages: ({ context, event }) => context.outages.filter((o) => o.key !== event.key),
                }),
              },
            ],
          },
          states: {
            online: {},
            retrying: { on: { REPORTED: 'reconnecting' } },
            // Stays here when another outage begins: the viewer was told once per outage.
            reconnecting: {
              on: { OUTAGE: { actions: assign({ outages: ({ context, event }) => addOutage(context, event) }) } },
            },
          },
        },
      },
    },
    failed: {},
    destroyed: { type: 'final', entry: 'teardown' },
  },
});

/** The context of a new timeline started by a START event. */
function beginning(first: boolean) {
  return ({ event }: { event: LifecycleEvent }): Partial<LifecycleContext> =>
    event.type === 'START' ? { segmentId: event.segmentId, offset: event.offset, first, branch: null } : {};
}

function startOf(event: LifecycleEvent): { segmentId: string; offset: number } {
  return event.type === 'START' ? { segmentId: event.segmentId, offset: event.offset } : { segmentId: '', offset: 0 };
}

function addOutage(context: LifecycleContext, event: LifecycleEvent): Outage[] {
  if (event.type !== 'OUTAGE') return context.outages;
  const { key, segmentId, cause, reason } = event;
  const outage = { key, segmentId, cause, reason };
  // In place when it is already there: the first outage of a spell is the one reported.
  return context.outages.some((o) => o.key === key)
    ? context.outages.map((o) => (o.key === key ? outage : o))
    : [...context.outages, outage];
}

function fatalMessage(event: LifecycleEvent): { message: string } {
  return { message: event.type === 'FATAL' ? event.message : '' };
}
