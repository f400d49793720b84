import { readFileSync } from 'node:fs';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createStoryMachine } from '../../src/core/machine/createStoryMachine.js';
import type { Story } from '../../src/core/story/Story.js';
import { PlayerError } from '../../src/player/setup/PlayerError.js';
import { startSnapshot } from '../../src/player/setup/startSnapshot.js';

const story = JSON.parse(readFileSync('examples/night-walk.json', 'utf8')) as Story;

describe('createPlayer start option (startSnapshot)', () => {
  it('starts the story machine in the segment, at its choice, with the given variables', () => {
    const actor = createActor(createStoryMachine(story), {
      input: { resume: startSnapshot(story, { segment: 'forest', variables: { lantern: false }, atChoice: true }) },
    });
    const opened: string[][] = [];
    actor.on('choicestart', (e) => opened.push(e.options.map((o) => o.id)));
    actor.start();
    const c = actor.getSnapshot().context;
    expect(c.segmentId).toBe('forest');
    expect(c.vars).toEqual({ lantern: false, courage: 0 });
    expect(opened).toEqual([['deeper']]);
    actor.stop();
  });

  it('keeps undeclared variables at their declared values and does not open the choice unless asked', () => {
    const snapshot = startSnapshot(story, { segment: 'forest', variables: { lantern: true } });
    expect(snapshot).toMatchObject({
      segmentId: 'forest',
      vars: { lantern: true, courage: 0 },
      visits: { forest: 1 },
      history: [],
      atChoice: false,
    });
  });

  it.each([
    [{ segment: 'frest' }, /start\.segment "frest" is not a segment of story "night-walk"/],
    [
      { segment: 'forest', variables: { torch: true } },
      /start\.variables\.torch is not a variable of story "night-walk" \(variables: lantern, courage\)/,
    ],
    [{ segment: 'forest', variables: { courage: 'lots' } }, /courage must be a number, got "lots"/],
    [{ segment: 'home', atChoice: true }, /segment "home" has no choice/],
  ])('refuses %j with a PlayerError that names it', (start, message) => {
    expect(() => startSnapshot(story, start as never)).toThrow(PlayerError);
    expect(() => startSnapshot(story, start as never)).toThrow(message);
  });
});
