import { describe, expect, it } from 'vitest';
import { loadExample } from '../rules/fixtures.js';
import { drive } from './harness.js';

describe('story machine: routes', () => {
  it('resolves a `next` segment’s route at entry, by visit counts', () => {
    const run = drive(loadExample('three-doors'));
    run.to(2000);
    run.actor.send({ type: 'CHOOSE', optionId: 'blue' });
    run.to(5000);
    expect(run.of('segmentstart').at(-1)).toMatchObject({ segmentId: 'blue', pendingNext: 'library', t: 5000 });
    run.to(8000);
    expect(run.context().segmentId).toBe('library');
    run.to(13_000); // library's default: leave → hall
    expect(run.context()).toMatchObject({ segmentId: 'hall', visits: { hall: 2, blue: 1, library: 1 } });
    run.to(15_000);
    run.actor.send({ type: 'CHOOSE', optionId: 'blue' });
    run.to(18_000);
    expect(run.of('segmentstart').at(-1)).toMatchObject({ segmentId: 'blue', pendingNext: 'garden' });
    run.to(21_000);
    expect(run.context().segmentId).toBe('garden');
  });
});

describe('story machine: BACK', () => {
  const nightWalk = loadExample('night-walk');

  it('returns to the previous choice point with state and visits as they were, and the window open again', () => {
    const run = drive(nightWalk);
    run.to(1000);
    run.actor.send({ type: 'CHOOSE', optionId: 'dark' });
    run.to(9000);
    expect(run.context()).toMatchObject({ segmentId: 'forest', vars: { courage: 1 }, visits: { dark: 1, forest: 1 } });
    run.actor.send({ type: 'BACK' });
    expect(run.context()).toMatchObject({
      segmentId: 'intro',
      vars: { lantern: false, courage: 0 },
      history: [],
      pendingNext: null,
      locked: null,
    });
    expect(run.context().visits).toEqual({ intro: 1 });
    expect(run.of('segmentstart').at(-1)).toMatchObject({ segmentId: 'intro', offset: 1, t: 9000 });
    expect(run.of('choicestart').at(-1)).toMatchObject({ segmentId: 'intro', deadline: 4, t: 9000 });
    expect(run.context().choice?.options.map((o) => o.id)).toEqual(['lantern', 'dark']);
    // The window runs from `at` (1 s) to `until` (4 s) again: 3 s.
    run.to(11_990);
    expect(run.context().locked).toBeNull();
    run.to(12_000);
    expect(run.of('choice').at(-1)).toMatchObject({ optionId: 'lantern', byDefault: true, t: 12_000 });
    expect(run.context().segmentId).toBe('lantern');
  });

  it('undoes a choice locked in the current segment, and is refused with no history', () => {
    const run = drive(nightWalk);
    run.actor.send({ type: 'BACK' });
    expect(run.of('rejected')).toEqual([{ type: 'rejected', request: 'BACK', reason: 'no-history', t: 0 }]);
    run.to(1500);
    run.actor.send({ type: 'CHOOSE', optionId: 'dark' });
    expect(run.context().pendingNext).toBe('dark');
    run.actor.send({ type: 'BACK' });
    expect(run.context()).toMatchObject({ segmentId: 'intro', history: [], locked: null, pendingNext: null });
    expect(run.context().choice).not.toBeNull();
    run.actor.send({ type: 'CHOOSE', optionId: 'lantern' });
    expect(run.context().pendingNext).toBe('lantern');
  });

  it('keeps the state at each choice point in the history', () => {
    const run = drive(nightWalk);
    run.to(1000);
    run.actor.send({ type: 'CHOOSE', optionId: 'dark' });
    expect(run.context().history).toEqual([
      {
        segmentId: 'intro',
        optionId: 'dark',
        byDefault: false,
        vars: { lantern: false, courage: 0 },
        visits: { intro: 1 },
      },
    ]);
  });
});
