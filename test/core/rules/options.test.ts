import { describe, expect, it } from 'vitest';
import {
  defaultOption,
  initialPosition,
  RuleError,
  takeOption,
  visibleOptions,
} from '../../../src/core/rules/index.js';
import { allHidden, loadExample, tiny } from './fixtures.js';

describe('initialPosition', () => {
  it('starts at the start segment, visited once, with a copy of the state', () => {
    const position = initialPosition(tiny);
    expect(position).toEqual({ segmentId: 's', vars: { a: 1, b: 2, flag: false }, visits: { s: 1 } });
    position.vars.a = 99;
    expect(tiny.state.a).toBe(1);
  });
});

describe('visibleOptions', () => {
  it('keeps only the options whose if holds, in story order', () => {
    expect(visibleOptions(tiny, initialPosition(tiny)).map((o) => o.id)).toEqual(['swap', 'also']);
    const flagged = { ...initialPosition(tiny), vars: { a: 2, b: 2, flag: true } };
    expect(visibleOptions(tiny, flagged).map((o) => o.id)).toEqual(['hid', 'swap']);
  });

  it('is empty at a segment without a choice', () => {
    expect(visibleOptions(tiny, { ...initialPosition(tiny), segmentId: 'r' })).toEqual([]);
  });
});

describe('takeOption', () => {
  it('evaluates every set against the state before any applies, moves to the target and counts the visit', () => {
    const start = initialPosition(tiny);
    const next = takeOption(tiny, start, 'swap');
    expect(next).toEqual({ segmentId: 'r', vars: { a: 2, b: 1, flag: false }, visits: { s: 1, r: 1 } });
    expect(start.vars).toEqual({ a: 1, b: 2, flag: false });
  });

  it('applies sets from the night-walk story', () => {
    const story = loadExample('night-walk');
    expect(takeOption(story, initialPosition(story), 'dark').vars).toEqual({ lantern: false, courage: 1 });
    expect(takeOption(story, initialPosition(story), 'lantern').vars).toEqual({ lantern: true, courage: 0 });
  });

  it('refuses a hidden option, an unknown one, and a segment without a choice, with codes and names', () => {
    const start = initialPosition(tiny);
    expect(() => takeOption(tiny, start, 'hid')).toThrow(/option "hid" of segment "s" is hidden/);
    expect(() => takeOption(tiny, start, 'fly')).toThrow(expect.objectContaining({ code: 'unknown-option' }));
    expect(() => takeOption(tiny, { ...start, segmentId: 'r' }, 'swap')).toThrow(
      expect.objectContaining({ code: 'no-choice' }),
    );
    expect(() => takeOption(tiny, { ...start, segmentId: 'nowhere' }, 'swap')).toThrow(RuleError);
  });

  it('lets the hidden default be taken only when nothing is visible (what the timer does)', () => {
    const start = initialPosition(allHidden);
    expect(takeOption(allHidden, start, 'b').segmentId).toBe('x');
    expect(() => takeOption(allHidden, start, 'a')).toThrow(expect.objectContaining({ code: 'option-hidden' }));
  });
});

describe('defaultOption', () => {
  it('is the declared default when visible', () => {
    const flagged = { ...initialPosition(tiny), vars: { a: 1, b: 2, flag: true } };
    expect(defaultOption(tiny, flagged).id).toBe('hid');
  });

  it('is the first visible option when the default is hidden', () => {
    expect(defaultOption(tiny, initialPosition(tiny)).id).toBe('swap');
  });

  it('is the declared default regardless of its if when no option is visible', () => {
    expect(defaultOption(allHidden, initialPosition(allHidden)).id).toBe('b');
  });
});
