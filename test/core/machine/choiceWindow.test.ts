import { describe, expect, it } from 'vitest';
import { loadExample } from '../rules/fixtures.js';
import { drive } from './harness.js';

const nightWalk = loadExample('night-walk');

describe('story machine: the choice window', () => {
  it('emits segmentstart at once and opens the choice at `at` with the visible options and the deadline', () => {
    const run = drive(nightWalk);
    expect(run.of('segmentstart')).toEqual([
      { type: 'segmentstart', segmentId: 'intro', offset: 0, pendingNext: null, t: 0 },
    ]);
    run.to(990);
    expect(run.of('choicestart')).toEqual([]);
    expect(run.context().choice).toBeNull();
    run.to(1000);
    expect(run.of('choicestart')).toEqual([
      {
        type: 'choicestart',
        segmentId: 'intro',
        prompt: 'Take the lantern?',
        deadline: 4,
        defaultOptionId: 'lantern',
        t: 1000,
        options: [
          { id: 'lantern', label: 'Take the lantern' },
          { id: 'dark', label: 'Walk in the dark' },
        ],
      },
    ]);
    expect(run.context().choice).toMatchObject({ segmentId: 'intro', deadline: 4, defaultOptionId: 'lantern' });
  });

  it('locks CHOOSE at once, knows the next segment, and moves only at the segment end', () => {
    const run = drive(nightWalk);
    run.to(1500);
    run.actor.send({ type: 'CHOOSE', optionId: 'dark' });
    expect(run.of('choice')).toEqual([
      { type: 'choice', segmentId: 'intro', optionId: 'dark', byDefault: false, next: 'dark', t: 1500 },
    ]);
    expect(run.context()).toMatchObject({
      segmentId: 'intro',
      pendingNext: 'dark',
      locked: { optionId: 'dark', byDefault: false },
      choice: null,
    });
    run.to(3990);
    expect(run.context().segmentId).toBe('intro');
    run.to(4000);
    expect(run.context()).toMatchObject({ segmentId: 'dark', vars: { courage: 1 }, pendingNext: 'forest' });
    expect(run.of('segmentend')).toEqual([{ type: 'segmentend', segmentId: 'intro', next: 'dark', t: 4000 }]);
  });

  it('takes the default at `until`, and a hidden default falls back to the first visible option', () => {
    const run = drive(nightWalk);
    run.to(1000);
    run.actor.send({ type: 'CHOOSE', optionId: 'dark' });
    run.to(8000); // intro (4 s) + dark (4 s): forest starts
    expect(run.context().segmentId).toBe('forest');
    run.to(10_000); // forest's window opens at 2 s: "home" needs the lantern
    expect(run.of('choicestart').at(-1)).toMatchObject({
      options: [{ id: 'deeper', label: 'Go deeper' }],
      defaultOptionId: 'deeper',
      deadline: 5,
    });
    run.to(12_990);
    expect(run.of('choice')).toHaveLength(1);
    run.to(13_000);
    expect(run.of('choice').at(-1)).toMatchObject({
      segmentId: 'forest',
      optionId: 'deeper',
      byDefault: true,
      next: 'lost',
      t: 13_000,
    });
    expect(run.context().pendingNext).toBe('lost');
  });

  it('takes the visible default with the lantern, then reaches the end and stops', () => {
    const run = drive(nightWalk);
    run.to(4000);
    expect(run.of('choice')).toMatchObject([{ optionId: 'lantern', byDefault: true, t: 4000 }]);
    run.to(13_000);
    expect(run.of('choice').at(-1)).toMatchObject({ segmentId: 'forest', optionId: 'home', byDefault: true });
    run.to(14_000);
    expect(run.context().segmentId).toBe('home');
    run.to(17_990);
    expect(run.actor.getSnapshot().status).toBe('active');
    run.to(18_000);
    expect(run.of('ended')).toEqual([{ type: 'ended', segmentId: 'home', t: 18_000 }]);
    expect(run.actor.getSnapshot().status).toBe('done');
    expect(run.of('segmentstart').map((e) => e.segmentId)).toEqual(['intro', 'lantern', 'forest', 'home']);
  });

  it('rejects CHOOSE before the window, for a hidden option, and after the lock', () => {
    const run = drive(nightWalk);
    run.to(500);
    run.actor.send({ type: 'CHOOSE', optionId: 'dark' });
    expect(run.context().locked).toBeNull();
    run.to(1000);
    run.actor.send({ type: 'CHOOSE', optionId: 'dark' });
    run.to(10_500); // forest's window: "home" is hidden without the lantern
    run.actor.send({ type: 'CHOOSE', optionId: 'home' });
    expect(run.context().locked).toBeNull();
    run.actor.send({ type: 'CHOOSE', optionId: 'deeper' });
    run.actor.send({ type: 'CHOOSE', optionId: 'home' });
    expect(run.context().locked).toEqual({ optionId: 'deeper', byDefault: false });
    expect(run.of('rejected').map((e) => [e.request, e.reason, e.optionId])).toEqual([
      ['CHOOSE', 'no-window', 'dark'],
      ['CHOOSE', 'hidden-option', 'home'],
      ['CHOOSE', 'no-window', 'home'],
    ]);
    expect(run.context().history.map((h) => `${h.segmentId}:${h.optionId}:${h.byDefault}`)).toEqual([
      'intro:dark:false',
      'forest:deeper:false',
    ]);
  });

  it('moves on at SEGMENT_END before the nominal duration, taking the default if nothing was chosen, and ignores a stale end', () => {
    const run = drive(nightWalk);
    run.to(2000);
    run.actor.send({ type: 'SEGMENT_END', segmentId: 'forest' });
    expect(run.context().segmentId).toBe('intro');
    run.actor.send({ type: 'SEGMENT_END', segmentId: 'intro' });
    expect(run.of('choice').at(-1)).toMatchObject({ optionId: 'lantern', byDefault: true, t: 2000 });
    expect(run.context()).toMatchObject({ segmentId: 'lantern', vars: { lantern: true }, pendingNext: 'forest' });
    run.actor.send({ type: 'SEGMENT_END' });
    expect(run.context().segmentId).toBe('forest');
    run.to(3990); // forest started at 2 s: its window opens 2 s in
    expect(run.of('choicestart')).toHaveLength(1);
    run.to(4000);
    expect(run.of('choicestart')).toHaveLength(2);
  });

  it('with a lock lead, a window that ends with the segment takes its default early enough to splice', () => {
    const run = drive(nightWalk, undefined, { lockLeadSeconds: 0.5 });
    run.to(1000);
    expect(run.of('choicestart').at(-1)).toMatchObject({ segmentId: 'intro', deadline: 3.5 });
    run.to(3490);
    expect(run.of('choice')).toEqual([]);
    run.to(3500);
    expect(run.of('choice')).toMatchObject([{ segmentId: 'intro', optionId: 'lantern', byDefault: true, t: 3500 }]);
    expect(run.context()).toMatchObject({ segmentId: 'intro', pendingNext: 'lantern' });
    run.to(4000);
    expect(run.context().segmentId).toBe('lantern');
  });

  it('a lock lead never shortens a window below half its length', () => {
    const run = drive(nightWalk, undefined, { lockLeadSeconds: 10 });
    run.to(1000);
    // intro's window runs from 1 s to 4 s: half of it is 1.5 s, so it closes at 2.5 s.
    expect(run.of('choicestart').at(-1)).toMatchObject({ deadline: 2.5 });
    run.to(2500);
    expect(run.of('choice')).toMatchObject([{ byDefault: true, t: 2500 }]);
  });
});
