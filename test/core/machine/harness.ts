// Drives a story machine on a SimulatedClock and records what it emits, with the time.
import { createActor, SimulatedClock } from 'xstate';
import { createStoryMachine } from '../../../src/core/machine/index.js';
import type { StoryEmitted, StoryEmittedMap, StoryMachineInput } from '../../../src/core/machine/index.js';
import type { StoryMachineOptions } from '../../../src/core/machine/createStoryMachine.js';
import type { Story } from '../../../src/core/story/Story.js';

const TYPES: (keyof StoryEmittedMap)[] = [
  'segmentstart',
  'choicestart',
  'choice',
  'rejected',
  'segmentend',
  'ended',
  'failed',
];
const TICK = 10;

export function drive(story: Story, input?: StoryMachineInput, options?: StoryMachineOptions) {
  const clock = new SimulatedClock();
  const actor = createActor(createStoryMachine(story, options), { clock, input });
  const events: (StoryEmitted & { t: number })[] = [];
  for (const type of TYPES) actor.on(type, (event) => events.push({ ...event, t: clock.now() }));
  actor.start();
  return {
    actor,
    clock,
    events,
    context: () => actor.getSnapshot().context,
    /** Moves time forward in small ticks, so timers started during the move fire on time. */
    advance(ms: number) {
      const end = clock.now() + ms;
      while (clock.now() < end) clock.increment(Math.min(TICK, end - clock.now()));
    },
    /** Moves time to `ms` after the actor started. */
    to(ms: number) {
      this.advance(ms - clock.now());
    },
    of<K extends keyof StoryEmittedMap>(type: K) {
      return events.filter((e): e is Extract<StoryEmitted, { type: K }> & { t: number } => e.type === type);
    },
  };
}
