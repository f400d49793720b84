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
// Types the exports above name in their signatures, so the API reference can show them and
// a TypeScript user can name them (API Extractor lists any that are missing as forgotten exports).
export type {
  Story,
  Segment,
  Caption,
  Choice,
  ChoiceOption,
  Route,
  GenerateSpec,
  CharacterSpec,
  StateValue,
} from '../core/story/Story.js';
export type { GenerationJob, JobStatus } from '../core/protocol/GenerationRequest.js';
export type { JobFailureCode } from '../core/protocol/BackendErrorCode.js';
export type { BullMqQueueOptions } from './queue/bullmq/BullMqQueue.js';
export type { BullMqWorkersOptions } from './queue/bullmq/BullMqWorkers.js';
export type { InProcessQueueOptions } from './queue/InProcessQueue.js';
export type { Logger, RenderIntoStoreOptions, RenderUpdate } from './queue/renderIntoStore.js';
export type { RenderOrder } from './queue/schedule/renderRank.js';
export type { RateLimit } from './api/TokenBucketLimiter.js';
export type { ResolveOptions } from './generation/resolveRenderTask.js';
export type { StoreFile } from './store/SegmentStore.js';
export type { EncodeHlsOptions, H264Batch } from './generate/hls/encodeHls.js';
export type { EncoderChoice, H264Encoder } from './generate/hls/selectEncoder.js';
export type { RendererKind } from './generate/browser/selectRenderer.js';
export type { ProceduralGenerator } from './generate/procedural/createProceduralGenerator.js';
export type { ComposeOptions } from './generate/procedural/scene/composeScene.js';
export type { FrameCanvas } from './generate/procedural/render/createFrameCanvas.js';
export type { AmbienceLayerKind } from './generate/procedural/audio/chooseAmbience.js';
export type {
  BuildingLayer,
  Camera,
  CaptionLine,
  Figure,
  FigureKind,
  Palette,
  Particles,
  PersonLook,
  Prop,
  PropKind,
  RidgeLayer,
  RoomLayer,
  SceneLayer,
  SettingId,
  Sky,
  TimeOfDay,
  TreeLayer,
  WeatherKind,
} from './generate/procedural/scene/Scene.js';
