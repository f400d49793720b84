import { readFileSync } from 'node:fs';
import { Story as InkRuntime } from 'inkjs';
import { describe, expect, it } from 'vitest';
import { createInkStory } from '../../../src/core/ink/createInkStory.js';
import { compileInk } from '../../../src/import/ink/compileInk.js';

const SAMPLE = (name: string) => compileInk(readFileSync(`test/fixtures/third-party/inky-samples/${name}.ink`, 'utf8'));

describe("createInkStory on Inky's LIST-heavy samples (inkle/inky)", () => {
  it('murder_scene: LIST globals are state (as text), and seeded walks end where ink stops, without runtime errors', () => {
    const json = SAMPLE('murder_scene');
    const { story, inkStateOf } = createInkStory(json, { id: 'murder' });
    // knowledgeState and the item states are LISTs: kept as their text.
    expect(typeof story.state.knowledgeState).toBe('string');
    expect(story.state.bedroomLightState).toBe('off, on_desk');
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let walk = 0; walk < 6; walk++) {
      let id = story.start;
      for (let step = 0; step < 200; step++) {
        const segment = story.segments[id]!;
        if (segment.end) break;
        const options = segment.choice!.options;
        id = options[Math.floor(random() * options.length)]!.next;
      }
      const end = story.segments[id]!;
      expect(end.end).toBe(true);
      expect(end['x-ink' as never]).not.toHaveProperty('error');
      const check = new InkRuntime(json);
      check.state.LoadJson(inkStateOf(id)!);
      expect(check.canContinue).toBe(false);
      expect(check.currentChoices).toEqual([]);
    }
  }, 60_000);
});
