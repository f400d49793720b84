import { enqueueActions, setup } from 'xstate';
import { defaultOption } from '../rules/defaultOption.js';
import { enterSegment } from '../rules/enterSegment.js';
import type { Position } from '../rules/Position.js';
import { resolveNext } from '../rules/resolveNext.js';
import { segmentOf } from '../rules/segmentOf.js';
import { applyOption } from '../rules/takeOption.js';
import { visibleOptions } from '../rules/visibleOptions.js';
import type { Story } from '../story/Story.js';
import { initialContext } from './initialContext.js';
import type { StoryMachineInput } from './initialContext.js';
import type { StoryContext } from './StoryContext.js';
import type { StoryEmitted, StoryMachineEvent } from './StoryMachineEvents.js';

export interface StoryMachineOptions {
  /** The machine's id (default `offshoot-story`). */
  id?: string;
  /**
   * Seconds before the segment's end by which a choice must be locked (default 0). A window
   * whose `until` is the segment's end would otherwise lock its default at the boundary,
   * too late for playback to splice the next segment in time; the player sets this so the
   * next segment is known (and fetched) before the picture gets there. Never shortens a
   * window to less than half its declared length.
   */
  lockLeadSeconds?: number;
}

const positionOf = (c: StoryContext): Position => ({ segmentId: c.segmentId, vars: c.vars, visits: c.visits });
// xstate delays are milliseconds; story times are seconds. The player may drive the clock by media time.
const ms = (seconds: number): number => Math.max(0, Math.round(seconds * 1000));

/**
 * The story machine for a validated story: it owns the current segment, variables, visit
 * counts, the history of choices and the choice window. No DOM, no network, no timers but
 * xstate's clock (`after` delays), so tests drive it with a SimulatedClock and the player
 * with a clock that follows media time. Emits StoryEmittedMap events (`actor.on(...)`).
 *
 * @example
 * const actor = createActor(createStoryMachine(story), { clock });
 * actor.on('choicestart', (e) => console.log(e.options));
 * actor.start();
 * actor.send({ type: 'CHOOSE', optionId: 'lantern' });
 * actor.getSnapshot().context.pendingNext; // 'lantern': splice it early
 */
export function createStoryMachine(story: Story, options: StoryMachineOptions = {}) {
  const segment = (c: StoryContext) => segmentOf(story, c.segmentId);
  const choiceOf = (c: StoryContext) => segment(c).choice;
  const lead = Math.max(0, options.lockLeadSeconds ?? 0);
  /** When the window really closes: `until`, pulled back from the segment's end by the lead. */
  const closesAt = (c: StoryContext): number => {
    const choice = choiceOf(c);
    const duration = segment(c).duration;
    const until = choice?.until ?? duration;
    const at = choice?.at ?? 0;
    return Math.max(Math.min(until, duration - lead), at + (until - at) / 2);
  };

  const finishSegment = [
    { guard: 'isEndSegment', target: 'ended', actions: ['emitSegmentEnd'] },
    { target: 'segment', reenter: true, actions: ['lock', 'emitSegmentEnd', 'advance'] },
  ] as const;

  return setup({
    types: {
      context: {} as StoryContext,
      events: {} as StoryMachineEvent,
      emitted: {} as StoryEmitted,
      input: {} as StoryMachineInput | undefined,
    },
    delays: {
      choiceOpens: ({ context }) => ms((choiceOf(context)?.at ?? 0) - context.offset),
      choiceCloses: ({ context }) => ms(closesAt(context) - Math.max(choiceOf(context)?.at ?? 0, context.offset)),
      segmentEnds: ({ context }) => ms(segment(context).duration - context.offset),
    },
    guards: {
      hasChoice: ({ context }) => choiceOf(context) !== undefined,
      atChoicePoint: ({ context }) => context.offset >= (choiceOf(context)?.at ?? Infinity),
      isEndSegment: ({ context }) => segment(context).end === true,
      isStaleEnd: ({ context, event }) =>
        event.type === 'SEGMENT_END' && event.segmentId !== undefined && event.segmentId !== context.segmentId,
      isVisibleOption: ({ context, event }) =>
        event.type === 'CHOOSE' && visibleOptions(story, positionOf(context)).some((o) => o.id === event.optionId),
      hasHistory: ({ context }) => context.history.length > 0,
      hasError: ({ context }) => context.error !== null,
    },
    actions: {
      startSegment: enqueueActions(({ context, enqueue }) => {
        const pendingNext = resolveNext(story, positionOf(context)) ?? null;
        enqueue.assign({ pendingNext });
        enqueue.emit({ type: 'segmentstart', segmentId: context.segmentId, offset: context.offset, pendingNext });
      }),
      openChoice: enqueueActions(({ context, enqueue }) => {
        const choice = choiceOf(context);
        if (!choice) return;
        const position = positionOf(context);
        const open = {
          segmentId: context.segmentId,
          prompt: choice.prompt,
          options: visibleOptions(story, position).map((o) => ({ id: o.id, label: o.label })),
          at: choice.at,
          deadline: closesAt(context),
          defaultOptionId: defaultOption(story, position).id,
        };
        enqueue.assign({ choice: open });
        enqueue.emit({
          type: 'choicestart',
          segmentId: open.segmentId,
          prompt: open.prompt,
          options: open.options,
          deadline: open.deadline,
          defaultOptionId: open.defaultOptionId,
        });
      }),
      // Locks the viewer's option on CHOOSE, otherwise the default (timer or early segment end).
      lock: enqueueActions(({ context, event, enqueue }) => {
        const choice = choiceOf(context);
        if (!choice || context.locked) return;
        const position = positionOf(context);
        const byDefault = event.type !== 'CHOOSE';
        const option = byDefault ? defaultOption(story, position) : choice.options.find((o) => o.id === event.optionId);
        if (!option) return;
        const entry = {
          segmentId: context.segmentId,
          optionId: option.id,
          byDefault,
          vars: context.vars,
          visits: context.visits,
        };
        enqueue.assign({
          locked: { optionId: option.id, byDefault },
          choice: null,
          pendingNext: option.next,
          history: [...context.history, entry],
        });
        enqueue.emit({
          type: 'choice',
          segmentId: context.segmentId,
          optionId: option.id,
          byDefault,
          next: option.next,
        });
      }),
      rejectChoose: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'CHOOSE') return;
        const reason = context.choice && !context.locked ? 'hidden-option' : 'no-window';
        enqueue.emit({ type: 'rejected', request: 'CHOOSE', reason, optionId: event.optionId });
      }),
      rejectBack: enqueueActions(({ enqueue }) => {
        enqueue.emit({ type: 'rejected', request: 'BACK', reason: 'no-history' });
      }),
      emitSegmentEnd: enqueueActions(({ context, enqueue }) => {
        enqueue.emit({ type: 'segmentend', segmentId: context.segmentId, next: context.pendingNext });
      }),
      advance: enqueueActions(({ context, enqueue }) => {
        const position = positionOf(context);
        const option = choiceOf(context)?.options.find((o) => o.id === context.locked?.optionId);
        const next = option
          ? applyOption(position, option)
          : context.pendingNext
            ? enterSegment(position, context.pendingNext)
            : position;
        enqueue.assign({ ...next, offset: 0, choice: null, locked: null, pendingNext: null });
      }),
      goBack: enqueueActions(({ context, enqueue }) => {
        const entry = context.history[context.history.length - 1];
        if (!entry) return;
        const at = story.segments[entry.segmentId]?.choice?.at ?? 0;
        enqueue.assign({
          segmentId: entry.segmentId,
          vars: entry.vars,
          visits: entry.visits,
          history: context.history.slice(0, -1),
          offset: at,
          choice: null,
          locked: null,
          pendingNext: null,
        });
      }),
      emitEnded: enqueueActions(({ context, enqueue }) => {
        enqueue.emit({ type: 'ended', segmentId: context.segmentId });
      }),
      emitFailed: enqueueActions(({ context, enqueue }) => {
        enqueue.emit({ type: 'failed', message: context.error?.message ?? 'unknown error' });
      }),
    },
  }).createMachine({
    id: options.id ?? 'offshoot-story',
    context: ({ input }) => initialContext(story, input),
    initial: 'boot',
    on: {
      CHOOSE: { actions: 'rejectChoose' },
      BACK: [{ guard: 'hasHistory', target: '.segment', reenter: true, actions: 'goBack' }, { actions: 'rejectBack' }],
    },
    states: {
      boot: { always: [{ guard: 'hasError', target: 'failed' }, { target: 'segment' }] },
      segment: {
        entry: 'startSegment',
        initial: 'start',
        states: {
          start: {
            always: [
              { guard: 'atChoicePoint', target: 'choosing' },
              { guard: 'hasChoice', target: 'playing' },
              { target: 'running' },
            ],
          },
          playing: { after: { choiceOpens: 'choosing' } },
          choosing: {
            entry: 'openChoice',
            on: {
              CHOOSE: [{ guard: 'isVisibleOption', target: 'locked', actions: 'lock' }, { actions: 'rejectChoose' }],
            },
            after: { choiceCloses: { target: 'locked', actions: 'lock' } },
          },
          locked: {},
          running: {},
        },
        after: { segmentEnds: [...finishSegment] },
        on: {
          SEGMENT_END: [{ guard: 'isStaleEnd' }, ...finishSegment],
        },
      },
      ended: { type: 'final', entry: 'emitEnded' },
      // A resume snapshot that does not fit: `context.error` says why.
      failed: { type: 'final', entry: 'emitFailed' },
    },
  });
}

/** The machine type, for typing actors: `Actor<StoryMachine>`. */
export type StoryMachine = ReturnType<typeof createStoryMachine>;
