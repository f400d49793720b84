import { describe, expect, it } from 'vitest';
import { followRoutes, initialPosition, replayHistory, resolveNext, RuleError } from '../../../src/core/rules/index.js';
import { loadExample, routeLoop, tiny } from './fixtures.js';

describe('resolveNext', () => {
  it('takes the first route whose if holds', () => {
    const at = (r: number) => ({ segmentId: 'r', vars: tiny.state, visits: { s: 1, r } });
    expect(resolveNext(tiny, at(1))).toBe('s');
    expect(resolveNext(tiny, at(2))).toBe('x');
  });

  it('returns a plain next, and undefined for choice and end segments', () => {
    const story = loadExample('night-walk');
    expect(resolveNext(story, { ...initialPosition(story), segmentId: 'lantern' })).toBe('forest');
    expect(resolveNext(story, initialPosition(story))).toBeUndefined();
    expect(resolveNext(story, { ...initialPosition(story), segmentId: 'home' })).toBeUndefined();
  });
});

describe('followRoutes', () => {
  it('bounds routes that cycle without a choice', () => {
    expect(() => followRoutes(routeLoop, initialPosition(routeLoop), 50)).toThrow(
      expect.objectContaining({ code: 'route-loop' }),
    );
  });
});

describe('replayHistory', () => {
  it('replays choices, following routes between them, and stops at the last choice target', () => {
    const position = replayHistory(tiny, [
      { segmentId: 's', optionId: 'swap' },
      { segmentId: 's', optionId: 'swap' },
    ]);
    expect(position).toEqual({ segmentId: 'r', vars: { a: 1, b: 2, flag: false }, visits: { s: 2, r: 2 } });
  });

  it('returns the start for an empty history', () => {
    expect(replayHistory(tiny, [])).toEqual(initialPosition(tiny));
  });

  it('names the step that does not fit', () => {
    const story = loadExample('night-walk');
    const wrongPlace = () =>
      replayHistory(story, [
        { segmentId: 'intro', optionId: 'dark' },
        { segmentId: 'intro', optionId: 'dark' },
      ]);
    expect(wrongPlace).toThrow(/history step 1 \(intro:dark\): the viewer is at "forest", not "intro"/);
    expect(wrongPlace).toThrow(expect.objectContaining({ code: 'history-mismatch', step: 1 }));
    const hidden = () =>
      replayHistory(story, [
        { segmentId: 'intro', optionId: 'dark' },
        { segmentId: 'forest', optionId: 'home' },
      ]);
    expect(hidden).toThrow(expect.objectContaining({ code: 'option-hidden', step: 1 }));
    const pastEnd = () =>
      replayHistory(story, [
        { segmentId: 'intro', optionId: 'lantern' },
        { segmentId: 'forest', optionId: 'home' },
        { segmentId: 'home', optionId: 'x' },
      ]);
    expect(pastEnd).toThrow(expect.objectContaining({ code: 'story-ended', step: 2 }));
  });

  it('reports a route loop as an error of the step, not a hang', () => {
    expect(() => replayHistory(routeLoop, [{ segmentId: 'p', optionId: 'x' }])).toThrow(RuleError);
  });
});
