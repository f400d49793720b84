import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enumeratePaths } from '../../../src/core/paths/index.js';
import type { PathsProgress } from '../../../src/core/paths/index.js';
import type { ChoiceOption, Segment, Story } from '../../../src/core/story/Story.js';
import { loadExample, routeLoop, tiny } from '../rules/fixtures.js';
import { naivePaths } from './naivePaths.js';

describe('enumeratePaths', () => {
  it('counts playthroughs and endings with state tracked (night-walk: no lantern, no way home)', () => {
    expect(enumeratePaths(loadExample('night-walk'))).toEqual({
      playthroughs: 3,
      endings: { home: 1, lost: 2 },
      neverShown: [],
      unreachedEndings: [],
      truncated: false,
    });
  });

  it('follows sets and visit-count routes, and lists options never shown', () => {
    expect(enumeratePaths(tiny, { maxDepth: 5 })).toEqual({
      playthroughs: 2,
      endings: { x: 2 },
      neverShown: ['s:hid'],
      unreachedEndings: [],
      truncated: false,
    });
    expect(enumeratePaths(tiny, { maxDepth: 1 })).toMatchObject({ playthroughs: 1, truncated: true });
  });

  it('cuts cycles at maxDepth and says so; deeper search finds what shallow search missed', () => {
    const story = loadExample('three-doors');
    const shallow = enumeratePaths(story, { maxDepth: 3 });
    expect(shallow).toMatchObject({ playthroughs: 0, truncated: true, unreachedEndings: ['rich', 'peace', 'lost'] });
    const medium = enumeratePaths(story, { maxDepth: 6 });
    expect(medium).toMatchObject({ truncated: true, neverShown: ['vault:open'], unreachedEndings: ['rich'] });
    expect(medium.endings).toEqual({ rich: 0, peace: 2, lost: 6 });
    const deep = enumeratePaths(story, { maxDepth: 20 });
    expect(deep).toMatchObject({ truncated: true, neverShown: [], unreachedEndings: [] });
    expect(deep.endings.rich).toBeGreaterThan(0);
  });

  it('marks routes that loop without a choice as truncated instead of hanging', () => {
    expect(enumeratePaths(routeLoop)).toEqual({
      playthroughs: 0,
      endings: { z: 0 },
      neverShown: [],
      unreachedEndings: ['z'],
      truncated: true,
    });
  });

  it('agrees with a naive enumeration on the examples', () => {
    for (const story of [loadExample('night-walk'), loadExample('three-doors'), tiny]) {
      for (const maxDepth of [1, 2, 4, 8, 12])
        expect(enumeratePaths(story, { maxDepth })).toEqual(naivePaths(story, maxDepth));
    }
  });

  it('agrees with a naive enumeration on random stories (memo soundness)', () => {
    fc.assert(
      fc.property(randomStory, fc.integer({ min: 1, max: 7 }), (story, maxDepth) => {
        expect(enumeratePaths(story, { maxDepth })).toEqual(naivePaths(story, maxDepth));
      }),
      { numRuns: 150 },
    );
  });

  it('is iterative: a chain of 20 000 choices does not overflow the stack', () => {
    const segments: Record<string, Segment> = {};
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      segments[`c${i}`] = {
        media: 'm',
        duration: 1,
        choice: {
          prompt: '?',
          at: 0,
          default: 'go',
          options: [{ id: 'go', label: 'Go', next: i + 1 < n ? `c${i + 1}` : 'end' }],
        },
      };
    }
    segments.end = { media: 'm', duration: 1, end: true };
    const chain: Story = { offshoot: 1, id: 'chain', title: 'Chain', start: 'c0', state: {}, segments };
    expect(enumeratePaths(chain, { maxDepth: n + 1 })).toMatchObject({ playthroughs: 1, truncated: false });
  });

  it('reports progress with a growing explored count, and once at the end', () => {
    const seen: PathsProgress[] = [];
    enumeratePaths(loadExample('three-doors'), { maxDepth: 16, progressEvery: 25, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(2);
    const explored = seen.map((p) => p.explored);
    expect([...explored].sort((a, b) => a - b)).toEqual(explored);
    expect(explored[0]).toBe(25);
  });
});

const expressions = ['f', '!f', 'a >= 1', 'a < 2', 'visits.s1 > 1', 'visits.s0 >= 2 || f', 'a == 0 && !f'];
const sets: Record<string, string>[] = [{ a: 'a + 1' }, { f: '!f' }, { a: '0', f: 'true' }, { a: 'a - 1', f: 'a > 0' }];

/** Random small stories (not necessarily valid: traps and route loops included) over a number and a flag. */
const randomStory: fc.Arbitrary<Story> = fc.integer({ min: 2, max: 6 }).chain((n) => {
  const ids = Array.from({ length: n }, (_, i) => `s${i}`).concat(['e0', 'e1']);
  const target = fc.constantFrom(...ids);
  const cond = fc.option(fc.constantFrom(...expressions), { nil: undefined });
  const option = fc.record({ next: target, if: cond, set: fc.option(fc.constantFrom(...sets), { nil: undefined }) });
  const choiceSegment = fc.array(option, { minLength: 1, maxLength: 3 }).chain((options) =>
    fc.integer({ min: 0, max: options.length - 1 }).map((d): Segment => ({
      media: 'm',
      duration: 2,
      choice: {
        prompt: '?',
        at: 0,
        default: `o${d}`,
        options: options.map((o, i): ChoiceOption => ({
          id: `o${i}`,
          label: `O${i}`,
          next: o.next,
          ...clean({ if: o.if, set: o.set }),
        })),
      },
    })),
  );
  const routeSegment = fc
    .tuple(fc.constantFrom(...expressions), target, target)
    .map(([ifSource, to1, to2]): Segment => ({
      media: 'm',
      duration: 1,
      next: [{ if: ifSource, to: to1 }, { to: to2 }],
    }));
  const segment = fc.oneof({ weight: 3, arbitrary: choiceSegment }, { weight: 1, arbitrary: routeSegment });
  return fc.array(segment, { minLength: n, maxLength: n }).map((list): Story => {
    const segments: Record<string, Segment> = {
      e0: { media: 'm', duration: 1, end: true },
      e1: { media: 'm', duration: 1, end: true },
    };
    list.forEach((s, i) => (segments[`s${i}`] = s));
    return { offshoot: 1, id: 'random', title: 'Random', start: 's0', state: { a: 0, f: false }, segments };
  });
});

function clean<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
