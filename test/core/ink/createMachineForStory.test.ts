import { createActor, SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createMachineForStory } from '../../../src/core/ink/createMachineForStory.js';
import { discoverHistory } from '../../../src/core/ink/discoverHistory.js';
import { storyForMachine } from '../../../src/core/ink/storyForMachine.js';
import { snapshotOf } from '../../../src/core/machine/snapshotOf.js';
import type { Story } from '../../../src/core/story/Story.js';
import { compileInk } from '../../../src/import/ink/compileInk.js';

const INK = compileInk(
  [
    'VAR gold = 0',
    'A fork in the road.',
    '* [Left]',
    '  ~ gold = gold + 5',
    '  A cave full of coins. -> cave',
    '* [Right] A river. -> END',
    '=== cave ===',
    '* [Count the gold] You have {gold} coins. -> END',
    '* [Leave] -> END',
  ].join('\n'),
);
/** The story file: it names its ink; its own segments are not used when the ink is given. */
const FILE: Story = { offshoot: 1, id: 'fork', title: 'Fork', start: 'unused', state: {}, segments: {} };

function start(inkJson: string, resume?: ReturnType<typeof snapshotOf>) {
  const clock = new SimulatedClock();
  const actor = createActor(createMachineForStory(FILE, inkJson), { clock, input: resume ? { resume } : undefined });
  const choices: string[][] = [];
  actor.on('choicestart', (e) => choices.push(e.options.map((o) => o.label)));
  actor.start();
  const advance = (ms: number) => {
    for (let t = 0; t < ms; t += 10) clock.increment(10);
  };
  return { actor, choices, advance, context: () => actor.getSnapshot().context };
}

describe('createMachineForStory with ink', () => {
  it('plays ink through the ordinary story machine: choices, variables, BACK, snapshot and resume in a new session', () => {
    const { actor, choices, advance, context } = start(INK);
    advance(context().story.segments[context().segmentId]!.choice!.at * 1000 + 10);
    expect(choices.at(-1)).toEqual(['Left', 'Right']);
    actor.send({ type: 'CHOOSE', optionId: 'Left' });
    // The fork lasts 4 s; the cave's window opens 2 s into it.
    advance(4500);
    expect(context().vars).toEqual({ gold: 5 });
    expect(context().story.segments[context().segmentId]!.generate!.prompt).toBe('A cave full of coins.');
    expect(choices.at(-1)).toEqual(['Count the gold', 'Leave']);

    // A snapshot resumed by a machine over a fresh copy of the ink (another session, the same ids).
    const saved = JSON.parse(JSON.stringify(snapshotOf(actor))) as ReturnType<typeof snapshotOf>;
    const fresh = ` ${INK}`; // another string: a new ink-driven story, nothing shared
    discoverHistory(storyForMachine(FILE, fresh), saved.history);
    const resumed = start(fresh, saved);
    expect(resumed.context().error).toBeNull();
    expect(resumed.context().segmentId).toBe(context().segmentId);
    expect(resumed.context().vars).toEqual({ gold: 5 });

    actor.send({ type: 'BACK' });
    expect(context().vars).toEqual({ gold: 0 });
    expect(context().story.segments[context().segmentId]!.generate!.prompt).toBe('A fork in the road.');
    actor.send({ type: 'CHOOSE', optionId: 'Right' });
    advance(6500); // the rest of the fork, then the river, which ends the story
    expect(actor.getSnapshot().status).toBe('done');
  });
});
