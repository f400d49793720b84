// The story machine under random stories and random viewers: random generated stories and
// mutated copies of the fox story go through validateStory; every one it accepts is driven by
// a random mix of CHOOSE (visible, hidden, unknown options), SEGMENT_END (current and stale),
// BACK, a random `resume` snapshot and time passing. The machine must never throw or go to
// xstate's error status, and after every step it must be in a defined state: playing a
// segment that exists, with the declared variables keeping their types, or done (an `end`
// segment, or `failed` with the reason).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoryMachineEvent } from '../../../src/core/machine/index.js';
import type { Story } from '../../../src/core/story/Story.js';
import { validateStory } from '../../../src/core/validate/validateStory.js';
import { drive } from './harness.js';

const ids = ['s0', 's1', 's2', 's3', 's4', 's5'];
const optionIds = ['o0', 'o1', 'o2'];
const conditions = ['a > 1', 'b', '!b', 'visits.s0 > 0', "c == 'x'", 'b && a < 3', "visits['s2'] >= 2 || a == 0", 'c'];
const setters: Record<'a' | 'b' | 'c', string[]> = {
  a: ['a + 1', 'a * 2 - 3', 'visits.s1'],
  b: ['!b', 'a > 2'],
  c: ["c + 'z'", 'c + c', "'x'"],
};

const seconds = fc.integer({ min: 1, max: 40 }).map((n) => n / 4);
const target = fc.constantFrom(...ids);
const setArb = fc
  .subarray(['a', 'b', 'c'] as const)
  .chain((names) =>
    fc
      .tuple(...names.map((n) => fc.constantFrom(...setters[n])))
      .map((values) => Object.fromEntries(names.map((n, i) => [n, values[i]]))),
  );
const option = (id: string) =>
  fc.record(
    {
      id: fc.constant(id),
      label: fc.constant(`go ${id}`),
      next: target,
      if: fc.constantFrom(...conditions),
      set: setArb,
    },
    { requiredKeys: ['id', 'label', 'next'] },
  );
const choice = (duration: number) =>
  fc.integer({ min: 1, max: 3 }).chain((count) =>
    fc.record({
      prompt: fc.constant('which?'),
      at: fc.integer({ min: 0, max: Math.floor(duration * 4) - 1 }).map((q) => q / 4),
      default: fc.constantFrom(...optionIds.slice(0, count)),
      options: fc.tuple(...optionIds.slice(0, count).map(option)),
    }),
  );
const ending = fc.constantFrom(0, 1, 2).map((k) => (k === 0 ? { end: true as const } : undefined));
const segment = seconds.chain((duration) =>
  fc.oneof(
    fc.constant({ media: 'm.m3u8', duration, end: true as const }),
    target.map((next) => ({ media: 'm.m3u8', duration, next })),
    fc
      .tuple(fc.constantFrom(...conditions), target, target)
      .map(([cond, to, other]) => ({ media: 'm.m3u8', duration, next: [{ if: cond, to }, { to: other }] })),
    choice(duration).map((c) => ({ media: 'm.m3u8', duration, choice: c })),
  ),
);
const randomStory = fc
  .record({
    count: fc.integer({ min: 1, max: ids.length }),
    segments: fc.tuple(...ids.map(() => segment)),
    last: ending,
  })
  .map(({ count, segments }) => ({
    offshoot: 1,
    id: 'random',
    title: 'random',
    start: 's0',
    state: { a: 0, b: false, c: 'x' },
    segments: Object.fromEntries(
      ids
        .slice(0, count)
        .map((id, i) => [id, i === count - 1 ? { media: 'm.m3u8', duration: 2, end: true } : segments[i]]),
    ),
  }));

type Step = { kind: 'send'; event: StoryMachineEvent } | { kind: 'wait'; ms: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...optionIds, 'lantern', 'path', 'cave', 'zz')
      .map((optionId) => ({ kind: 'send' as const, event: { type: 'CHOOSE' as const, optionId } })),
  },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 3000 }).map((ms) => ({ kind: 'wait' as const, ms })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'send' as const, event: { type: 'BACK' as const } }) },
  {
    weight: 1,
    arbitrary: fc.option(fc.constantFrom(...ids, 'intro', 'cave', 'nowhere')).map((segmentId) => ({
      kind: 'send' as const,
      event: segmentId === null ? { type: 'SEGMENT_END' as const } : { type: 'SEGMENT_END' as const, segmentId },
    })),
  },
);
const resume = fc.option(
  fc.oneof(
    fc.anything(),
    fc.record({
      segmentId: fc.constantFrom(...ids, 'cave'),
      vars: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'courage'), fc.jsonValue()),
      visits: fc.constant({}),
      history: fc.constant([]),
    }),
  ),
  { freq: 5 },
);

/** Drive a validated story with `steps`, checking after each that the machine is in a defined state. */
function expectDefined(story: Story, steps: Step[], resumeWith: unknown): void {
  const run = drive(story, resumeWith === null ? undefined : { resume: resumeWith as never }, {
    lockLeadSeconds: 0.25,
  });
  const types = Object.fromEntries(Object.entries(story.state).map(([k, v]) => [k, typeof v]));
  const check = (): void => {
    const snapshot = run.actor.getSnapshot();
    expect(snapshot.status).not.toBe('error');
    const { context } = snapshot;
    if (snapshot.status === 'done') {
      if (snapshot.value === 'failed') expect(context.error?.message).toEqual(expect.any(String));
      else expect(story.segments[context.segmentId]?.end).toBe(true);
      return;
    }
    expect(Object.hasOwn(story.segments, context.segmentId)).toBe(true);
    expect(Object.fromEntries(Object.entries(context.vars).map(([k, v]) => [k, typeof v]))).toEqual(types);
    if (context.choice) {
      const declared = story.segments[context.segmentId]!.choice!.options.map((o) => o.id);
      expect(context.choice.options.every((o) => declared.includes(o.id))).toBe(true);
    }
    if (context.pendingNext !== null) expect(Object.hasOwn(story.segments, context.pendingNext)).toBe(true);
  };
  check();
  for (const s of steps) {
    // Events to a finished actor are only warned about by xstate: stop there.
    if (run.actor.getSnapshot().status === 'done') break;
    if (s.kind === 'wait') run.advance(s.ms);
    else run.actor.send(s.event);
    check();
  }
  run.actor.stop();
}

// The fox story's shape, as far as the mutations below reach into it.
type FoxOption = { next: string; if?: string; set: Record<string, string> };
type FoxSegment = {
  duration: number;
  choice: { at: number; until?: number; options: FoxOption[] };
  next: { if?: string; to: string }[];
};
type Fox = { start: string; segments: Record<string, FoxSegment> };
const fox = JSON.parse(readFileSync('test/fixtures/stories/valid/fox-and-cave.json', 'utf8')) as Fox;
// Mutations that keep a story plausible enough to pass validation often: retarget, re-time, re-condition.
const foxMutation = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('intro', 'forest-path'),
      fc.nat({ max: 1 }),
      fc.constantFrom('intro', 'cave', 'forest-path', 'treasure', 'home'),
    )
    .map(([s, o, to]) => (story: Fox) => {
      story.segments[s]!.choice.options[o]!.next = to;
    }),
  fc
    .tuple(
      fc.constantFrom('intro', 'forest-path'),
      fc.integer({ min: 0, max: 40 }).map((q) => q / 4),
    )
    .map(([s, at]) => (story: Fox) => {
      story.segments[s]!.choice.at = at;
      delete story.segments[s]!.choice.until;
    }),
  fc
    .tuple(
      fc.constantFrom('intro', 'cave', 'forest-path', 'treasure', 'home'),
      fc.integer({ min: 1, max: 40 }).map((q) => q / 4),
    )
    .map(([s, d]) => (story: Fox) => {
      story.segments[s]!.duration = d;
    }),
  fc
    .constantFrom('courage > 1', '!brave', "name == 'Fox'", 'visits.intro > 1', 'true', 'false')
    .map((cond) => (story: Fox) => {
      story.segments.cave!.next[0]!.if = cond;
    }),
  fc.constantFrom('courage * 2', 'courage - 5', 'visits.cave').map((expr) => (story: Fox) => {
    story.segments.intro!.choice.options[0]!.set.courage = expr;
  }),
  fc.constantFrom('cave', 'home', 'treasure', 'forest-path').map((start) => (story: Fox) => {
    story.start = start;
  }),
  fc.constantFrom('visits.cave > 0', 'brave', '!brave').map((cond) => (story: Fox) => {
    story.segments['forest-path']!.choice.options[1]!.if = cond;
  }),
);

describe('the story machine under random stories and random viewers', () => {
  it('random generated stories: validateStory answers; every valid one runs in defined states', () => {
    let valid = 0;
    fc.assert(
      fc.property(randomStory, fc.array(step, { maxLength: 24 }), resume, (story, steps, resumeWith) => {
        const report = validateStory(story);
        expect(report.valid).toBe(report.errors.length === 0);
        if (!report.story) return;
        valid++;
        expectDefined(report.story, steps, resumeWith);
      }),
      { numRuns: 3000 },
    );
    // The generator must reach the machine often enough for the property to mean something.
    expect(valid).toBeGreaterThan(600);
  }, 120_000);

  it('mutated fox stories: every valid one runs in defined states', () => {
    let valid = 0;
    fc.assert(
      fc.property(
        fc.array(foxMutation, { minLength: 1, maxLength: 4 }),
        fc.array(step, { maxLength: 24 }),
        resume,
        (mutations, steps, resumeWith) => {
          const story = structuredClone(fox);
          for (const mutate of mutations) mutate(story);
          const report = validateStory(JSON.stringify(story));
          if (!report.story) return;
          valid++;
          expectDefined(report.story, steps, resumeWith);
        },
      ),
      { numRuns: 2000 },
    );
    expect(valid).toBeGreaterThan(400);
  }, 120_000);
});
