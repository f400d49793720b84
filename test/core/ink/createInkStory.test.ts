import { readFileSync } from 'node:fs';
import { Story as InkRuntime } from 'inkjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInkStory } from '../../../src/core/ink/createInkStory.js';
import { readInkGlobals } from '../../../src/core/ink/readInkGlobals.js';
import { seedOf } from '../../../src/core/ink/seedOf.js';
import { initialPosition } from '../../../src/core/rules/initialPosition.js';
import { replayHistory } from '../../../src/core/rules/replayHistory.js';
import { takeOption } from '../../../src/core/rules/takeOption.js';
import { compileInk } from '../../../src/import/ink/compileInk.js';

const INTERCEPT = 'test/fixtures/third-party/the-intercept/TheIntercept.ink';
let json = '';
beforeAll(() => {
  json = compileInk(readFileSync(INTERCEPT, 'utf8'));
});

/** A seeded generator, so each walk is the same on every run and in any test order. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

describe('createInkStory on The Intercept (inkjs drives the story)', () => {
  it('random walks reach real ink endings, showing exactly what ink prints, with ink globals as state', () => {
    const { story, inkStateOf, stats } = createInkStory(json, { id: 'intercept' });
    const endings = new Set<string>();
    for (let walk = 0; walk < 12; walk++) {
      const next = random(walk + 1);
      // The same choices played directly on inkjs, with the seed the story uses.
      const direct = new InkRuntime(json);
      direct.allowExternalFunctionFallbacks = true;
      direct.state.storySeed = seedOf('intercept');
      let position = initialPosition(story);
      for (let step = 0; ; step++) {
        let text = '';
        while (direct.canContinue) text += direct.Continue();
        const segment = story.segments[position.segmentId]!;
        expect(segment['x-ink' as never]).toMatchObject({ text: text.trim() });
        expect(position.vars).toEqual(readInkGlobals(direct));
        if (segment.end) {
          expect(direct.currentChoices).toEqual([]);
          expect(segment['x-ink' as never]).not.toHaveProperty('error');
          endings.add(position.segmentId);
          break;
        }
        const options = segment.choice!.options;
        expect(options.map((o) => o.label)).toEqual(direct.currentChoices.map((c) => c.text.trim()));
        const i = Math.floor(next() * options.length);
        position = takeOption(story, position, options[i]!.id);
        direct.ChooseChoiceIndex(i);
        expect(step).toBeLessThan(500);
      }
      // The ending's saved ink state is one where ink has nothing more to say or offer.
      const check = new InkRuntime(json);
      check.state.LoadJson(inkStateOf(position.segmentId)!);
      expect(check.canContinue).toBe(false);
      expect(check.currentChoices).toEqual([]);
    }
    expect(endings.size).toBeGreaterThan(1);
    expect(stats().built).toBeLessThan(stats().known);
  }, 120_000);

  it('gives the same segment ids in a new session, so the backend replays a viewer history and refuses a made-up one', () => {
    const player = createInkStory(json, { id: 'intercept' }).story;
    const next = random(99);
    let position = initialPosition(player);
    const history = [];
    for (let step = 0; step < 8 && !player.segments[position.segmentId]!.end; step++) {
      const options = player.segments[position.segmentId]!.choice!.options;
      const option = options[Math.floor(next() * options.length)]!;
      history.push({ segmentId: position.segmentId, optionId: option.id });
      position = takeOption(player, position, option.id);
    }
    const backend = createInkStory(json, { id: 'intercept' }).story;
    expect(replayHistory(backend, history)).toEqual(position);
    const forged = [...history.slice(0, 3), { segmentId: history[3]!.segmentId, optionId: 'Betray-everyone' }];
    expect(() => replayHistory(backend, forged)).toThrow(/Betray-everyone/);
  }, 60_000);
});

describe('createInkStory on small stories', () => {
  it('makes choices with the same text distinct, reads #media/#duration/#prompt tags', () => {
    const ink = compileInk(
      [
        'VAR sure = false',
        'A fork. # media: clips/fork/index.m3u8',
        '# duration: 6',
        '* [Go] -> a',
        '* [Go]',
        '  ~ sure = true',
        '  -> b',
        '=== a ===',
        'Left. # prompt: a dark corridor',
        '-> END',
        '=== b ===',
        'Right.',
        '-> END',
      ].join('\n'),
    );
    const { story } = createInkStory(ink);
    const start = story.segments[story.start]!;
    expect(start).toMatchObject({ media: 'clips/fork/index.m3u8', duration: 6, choice: { at: 3 } });
    expect(start.generate).toBeUndefined();
    expect(start.choice!.options.map((o) => [o.id, o.label, o.set ?? null])).toEqual([
      ['Go', 'Go', null],
      ['Go-2', 'Go', { sure: 'true' }],
    ]);
    const [a, b] = start.choice!.options.map((o) => story.segments[o.next]!);
    expect(a).toMatchObject({ generate: { prompt: 'a dark corridor' }, end: true });
    expect(b).toMatchObject({ generate: { prompt: 'Right.' }, end: true });
  });
});
