import { describe, expect, it } from 'vitest';
import { initialPosition, replayHistory } from '../../../src/core/rules/index.js';
import { commitTargets, planTargets } from '../../../src/player/generation/lookaheadTargets.js';
import { forkStory } from './fixtureStory.js';

const brief = (targets: ReturnType<typeof planTargets>) => targets.map((x) => [x.segmentId, x.seconds]);

describe('lookahead targets from the story rules', () => {
  const story = forkStory();

  it('at a segment start: generated candidates within depth, with earliest arrival, authored media left out', () => {
    const targets = planTargets(story, initialPosition(story), [], 2);
    expect(brief(targets)).toEqual([
      ['left', 4],
      ['right', 4],
      ['l1', 10],
      ['l2', 10],
      ['r1', 10],
      ['r2', 10],
    ]);
    // Each carries the choices on its path, so the backend can replay the state on arrival.
    expect(targets.find((x) => x.segmentId === 'r2')?.history).toEqual([
      { segmentId: 'intro', optionId: 'right' },
      { segmentId: 'right', optionId: 'r2' },
    ]);
    expect(targets[0]?.durationSeconds).toBe(6);
  });

  it('includes the current segment, due now, when it is generated', () => {
    const history = [{ segmentId: 'intro', optionId: 'left' }];
    expect(brief(planTargets(story, replayHistory(story, history), history, 1))).toEqual([
      ['left', 0],
      ['l1', 6],
      ['l2', 6],
    ]);
  });

  it('after a choice: the chosen branch due when the current segment ends, its next level, nothing else', () => {
    const history = [{ segmentId: 'intro', optionId: 'left' }];
    const targets = commitTargets(story, 'intro', history, 1.5, 2);
    expect(brief(targets)).toEqual([
      ['left', 1.5],
      ['l1', 7.5],
      ['l2', 7.5],
    ]);
    expect(targets.map((x) => x.segmentId)).not.toContain('right');
  });

  it('names the step at fault when the history does not fit the story', () => {
    expect(() => commitTargets(story, 'intro', [{ segmentId: 'intro', optionId: 'up' }], 1, 2)).toThrow(
      /history step 0.*"up" is not an option/,
    );
  });
});
