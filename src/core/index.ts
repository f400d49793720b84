// The pure core: story format, expressions, validator, story machine, paths and the
// generation protocol. No DOM, no Node: it runs in the browser, the backend and the CLI.
export type * from './story/Story.js';
export type * from './story/Variables.js';
export * from './protocol/index.js';
export { EventHub } from './events/EventHub.js';
export type { Handler } from './events/EventHub.js';
export * from './rules/index.js';
export * from './machine/index.js';
export * from './paths/index.js';
export { compileExpression } from './expression/compileExpression.js';
export type { CompiledExpression, ExpressionScope } from './expression/compileExpression.js';
export { ExpressionError } from './expression/ExpressionError.js';
export { checkExpression, typeOfValue } from './expression/checkExpression.js';
export type {
  ExpressionCheck,
  ExpressionContext,
  ExpressionProblem,
  ExpressionType,
} from './expression/checkExpression.js';
export { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH } from './expression/limits.js';
export { validateStory } from './validate/validateStory.js';
export type { ValidateOptions } from './validate/validateStory.js';
export { formatIssue } from './validate/formatIssue.js';
export { ISSUE_CODES, WARNING_CODES } from './validate/ValidationReport.js';
export type { IssueCode, ValidationIssue, ValidationReport } from './validate/ValidationReport.js';
export { storySchema, STORY_SCHEMA_ID } from './schema/storySchema.js';
