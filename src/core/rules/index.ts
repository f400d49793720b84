// The pure story rules: shared by the story machine, path search, and the backend
// (which replays a viewer's history to check a generation request).
export type { Position } from './Position.js';
export { RuleError } from './RuleError.js';
export type { RuleErrorCode } from './RuleError.js';
export { initialPosition } from './initialPosition.js';
export { visibleOptions } from './visibleOptions.js';
export { takeOption, takeableOptions, applyOption } from './takeOption.js';
export { defaultOption } from './defaultOption.js';
export { resolveNext } from './resolveNext.js';
export { followRoutes, MAX_ROUTE_STEPS } from './followRoutes.js';
export { enterSegment } from './enterSegment.js';
export { replayHistory } from './replayHistory.js';
export { candidateSegments } from './candidateSegments.js';
export type { Candidate } from './candidateSegments.js';
export { positionKey } from './positionKey.js';
export { segmentOf } from './segmentOf.js';
export { evaluateExpression, conditionHolds, isTruthy } from './evaluateExpression.js';
