// The pure core: story format, expressions, validator, story machine, paths and the
// generation protocol. No DOM, no Node: it runs in the browser, the backend and the CLI.
export type * from './story/Story.js';
export type * from './story/Variables.js';
export type * from './protocol/GenerationRequest.js';
export { EventHub } from './events/EventHub.js';
export type { Handler } from './events/EventHub.js';
export * from './rules/index.js';
export * from './machine/index.js';
export * from './paths/index.js';
