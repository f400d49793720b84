/**
 * `@offshoot/server`: Offshoot's generation backend for Node. `startServer` runs the HTTP
 * API, the job queue (in-process, or BullMQ on Redis) and the workers; the procedural and
 * HTTP (model server) generators render segments into a content-addressed store; viewer
 * tokens are signed and checked here. The package also carries the `offshoot` command.
 *
 * @example
 * ```ts
 * import { createProceduralGenerator, startServer } from '@offshoot/server';
 * const server = await startServer({ generator: createProceduralGenerator(), stories: 'stories', secret: process.env.OFFSHOOT_SECRET! });
 * console.log(server.url);
 * ```
 *
 * @packageDocumentation
 */
// Public entry of the Node backend: startServer, and the pieces other tools embed or test.
export { startServer } from './startServer.js';
export type { ServerOptions, RunningServer } from './startServer.js';
// The generators (procedural, HTTP model-server adapter), the Generator interface and the
// helpers a generator of your own uses (encodeHls, resolveSpec, renditions): see docs/generators.md.
export * from './generate/index.js';
export { SegmentStore } from './store/SegmentStore.js';
export type { RenditionStore, RenditionInfo, StoredObject } from './store/RenditionStore.js';
export { renditionKey, canonicalJson, RENDITION_KEY } from './store/renditionKey.js';
export type { RenditionInput } from './store/renditionKey.js';
export { signViewerToken, verifyViewerToken, TokenError, DEFAULT_MAX_TOKEN_LIFETIME } from './auth/ViewerToken.js';
export type { ViewerClaims, TokenPolicy } from './auth/ViewerToken.js';
export { TokenRevocations } from './auth/TokenRevocations.js';
export type { JobQueue, RenderTask, Want } from './queue/JobQueue.js';
export { InProcessQueue } from './queue/InProcessQueue.js';
export { BullMqQueue } from './queue/bullmq/BullMqQueue.js';
export { BullMqWorkers } from './queue/bullmq/BullMqWorkers.js';
export { renderIntoStore } from './queue/renderIntoStore.js';
export { resolveRenderTask } from './generation/resolveRenderTask.js';
export { StoryLibrary } from './stories/StoryLibrary.js';
export type { LoadedStory } from './stories/StoryLibrary.js';
