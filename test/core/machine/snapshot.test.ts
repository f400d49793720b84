import { describe, expect, it } from 'vitest';
import { snapshotOf } from '../../../src/core/machine/index.js';
import type { StorySnapshot } from '../../../src/core/machine/index.js';
import { loadExample } from '../rules/fixtures.js';
import { drive } from './harness.js';

const nightWalk = loadExample('night-walk');
const viaJson = (snapshot: StorySnapshot): StorySnapshot => JSON.parse(JSON.stringify(snapshot)) as StorySnapshot;

describe('story machine: snapshots', () => {
  it('resumes exactly at an open choice: same segment, vars, visits, history, window open', () => {
    const run = drive(nightWalk);
    run.to(1000);
    run.actor.send({ type: 'CHOOSE', optionId: 'dark' });
    run.to(10_500);
    const saved = viaJson(snapshotOf(run.actor));
    expect(saved).toMatchObject({
      version: 1,
      storyId: 'night-walk',
      segmentId: 'forest',
      vars: { lantern: false, courage: 1 },
      atChoice: true,
    });
    expect(saved.history.map((h) => h.optionId)).toEqual(['dark']);

    const resumed = drive(nightWalk, { resume: saved });
    expect(snapshotOf(resumed.actor)).toEqual(saved);
    expect(resumed.of('segmentstart')).toMatchObject([{ segmentId: 'forest', offset: 2 }]);
    expect(resumed.of('choicestart')).toMatchObject([
      { segmentId: 'forest', options: [{ id: 'deeper' }], deadline: 5, t: 0 },
    ]);
    resumed.to(3000); // until 5 − at 2
    expect(resumed.of('choice')).toMatchObject([{ optionId: 'deeper', byDefault: true }]);
    resumed.to(4000); // duration 6 − at 2
    expect(resumed.context().segmentId).toBe('lost');
    // The history came along: BACK from the resumed actor reaches the first choice.
    resumed.actor.send({ type: 'BACK' });
    expect(resumed.context()).toMatchObject({ segmentId: 'forest', history: [{ optionId: 'dark' }] });
    resumed.actor.send({ type: 'BACK' });
    expect(resumed.context()).toMatchObject({ segmentId: 'intro', vars: { courage: 0 }, history: [] });
  });

  it('resumes mid-segment at the segment start, and folds a locked choice into the next segment', () => {
    const run = drive(nightWalk);
    run.to(500);
    const early = viaJson(snapshotOf(run.actor));
    expect(early).toMatchObject({ segmentId: 'intro', atChoice: false, history: [] });
    const fromEarly = drive(nightWalk, { resume: early });
    expect(snapshotOf(fromEarly.actor)).toEqual(early);
    fromEarly.to(1000);
    expect(fromEarly.of('choicestart')).toHaveLength(1);

    run.to(1500);
    run.actor.send({ type: 'CHOOSE', optionId: 'dark' });
    const locked = viaJson(snapshotOf(run.actor.getSnapshot().context));
    expect(locked).toMatchObject({ segmentId: 'dark', vars: { courage: 1 }, visits: { dark: 1 }, atChoice: false });
    const fromLocked = drive(nightWalk, { resume: locked });
    expect(fromLocked.context()).toMatchObject({ segmentId: 'dark', pendingNext: 'forest' });
    expect(snapshotOf(fromLocked.actor)).toEqual(locked);
  });

  it('refuses a snapshot that does not fit the story with a clear error, never a crash', () => {
    const good = snapshotOf(drive(nightWalk).actor);
    const cases: [unknown, RegExp][] = [
      [{ ...good, storyId: 'three-doors' }, /snapshot is for story "three-doors", not "night-walk"/],
      [{ ...good, segmentId: 'nowhere' }, /segmentId "nowhere" is not a segment of story "night-walk"/],
      [{ ...good, version: 2 }, /version 2 is not supported/],
      [{ ...good, vars: { lantern: 'yes', courage: 0 } }, /vars.lantern must be a boolean/],
      [
        { ...good, history: [{ segmentId: 'forest', optionId: 'home', vars: good.vars, visits: good.visits }] },
        /history does not fit.*step 0/,
      ],
      ['not a snapshot', /must be an object/],
    ];
    for (const [resume, message] of cases) {
      const run = drive(nightWalk, { resume: resume as StorySnapshot });
      expect(run.actor.getSnapshot().status).toBe('done');
      expect(run.actor.getSnapshot().value).toBe('failed');
      expect(run.context().error?.message).toMatch(message);
      expect(run.of('failed')[0]?.message).toMatch(message);
      expect(run.of('segmentstart')).toEqual([]);
    }
  });
});
