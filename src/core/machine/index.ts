// The story machine (xstate v5): story truth for the player, pure and clock-driven.
export { createStoryMachine } from './createStoryMachine.js';
export type { StoryMachine, StoryMachineOptions } from './createStoryMachine.js';
export type { StoryContext, HistoryEntry, OpenChoice, LockedChoice, VisibleOption } from './StoryContext.js';
export type { StoryEmittedMap, StoryEmitted, StoryMachineEvent } from './StoryMachineEvents.js';
export type { StorySnapshot, SnapshotPreferences } from './StorySnapshot.js';
export { SnapshotError } from './StorySnapshot.js';
export { snapshotOf } from './snapshotOf.js';
export type { HasStoryContext } from './snapshotOf.js';
export { checkSnapshot } from './checkSnapshot.js';
export type { StoryMachineInput } from './initialContext.js';
