// The generation plug-ins of the backend: the interface, the built-in procedural
// generator, the HTTP (model server) adapter and the helpers the backend uses to key renditions.
export type { Generator, RenderHooks, RenderJob, RenderResult } from './Generator.js';
export { resolveSpec, relevantState, placeholdersOf } from './resolveSpec.js';
export { createProceduralGenerator, PROCEDURAL_VERSION } from './procedural/createProceduralGenerator.js';
export type { ProceduralGeneratorOptions } from './procedural/createProceduralGenerator.js';
export { createHttpGenerator } from './http/createHttpGenerator.js';
export type { HttpGeneratorOptions, HttpGenerateRequest } from './http/createHttpGenerator.js';
export { composeScene } from './procedural/scene/composeScene.js';
export type { Scene } from './procedural/scene/Scene.js';
export { createFrameCanvas } from './procedural/render/createFrameCanvas.js';
export { paintFrame } from './procedural/render/paintFrame.js';
export { RENDITION_360P, RENDITION_720P, FPS } from './hls/Rendition.js';
export type { Rendition } from './hls/Rendition.js';
export { selectEncoder } from './hls/selectEncoder.js';
export { encodeHls } from './hls/encodeHls.js';
export type { HlsAudio, HlsInput } from './hls/encodeHls.js';
export { chooseAmbience } from './procedural/audio/chooseAmbience.js';
export type { AmbienceLayer } from './procedural/audio/chooseAmbience.js';
export { ambienceGraph } from './procedural/audio/ambienceGraph.js';
