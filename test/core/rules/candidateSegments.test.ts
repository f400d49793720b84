import { describe, expect, it } from 'vitest';
import { candidateSegments, initialPosition, replayHistory } from '../../../src/core/rules/index.js';
import { loadExample, routeLoop } from './fixtures.js';

const story = loadExample('night-walk');
const summary = (depth: number, position = initialPosition(story)) =>
  candidateSegments(story, position, depth).map((c) => [c.segmentId, c.seconds, c.depth]);

describe('candidateSegments', () => {
  it('lists what could come next, nearest deadline first, with seconds from the start of the current segment', () => {
    expect(summary(1)).toEqual([
      ['lantern', 4, 1],
      ['dark', 4, 1],
    ]);
    expect(summary(3)).toEqual([
      ['lantern', 4, 1],
      ['dark', 4, 1],
      ['forest', 8, 2],
      ['home', 14, 3],
      ['lost', 14, 3],
    ]);
  });

  it('tracks state: a hidden option is not a candidate', () => {
    const inTheDark = replayHistory(story, [{ segmentId: 'intro', optionId: 'dark' }]);
    expect(summary(3, inTheDark)).toEqual([
      ['forest', 4, 1],
      ['lost', 10, 2],
    ]);
  });

  it('gives the choices that lead to each candidate', () => {
    const home = candidateSegments(story, initialPosition(story), 3).find((c) => c.segmentId === 'home');
    expect(home?.via).toEqual([
      { segmentId: 'intro', optionId: 'lantern' },
      { segmentId: 'forest', optionId: 'home' },
    ]);
    expect(home?.position.vars.lantern).toBe(true);
  });

  it('stays bounded on routes that cycle and on depth 0', () => {
    expect(summary(0)).toEqual([]);
    const looped = candidateSegments(routeLoop, initialPosition(routeLoop), 50);
    expect(looped.map((c) => c.segmentId)).toEqual(['q', 'p']);
  });
});
