// ink at run time: inkjs drives a story behind the ordinary Story and machine interfaces (ADR 0005).
export { createInkStory } from './createInkStory.js';
export type { InkStory, InkStoryOptions, InkStoryStats } from './createInkStory.js';
export { createMachineForStory } from './createMachineForStory.js';
export { storyForMachine } from './storyForMachine.js';
export { discoverHistory } from './discoverHistory.js';
