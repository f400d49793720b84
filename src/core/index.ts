/**
 * `offshoot/core`: the pure story core, with no DOM and no Node: story format and validator,
 * expressions, the story rules, the xstate story machine, path search and the generation
 * protocol's types. The player, the backend and the CLI all run on it.
 *
 * @example
 * import { validateStory, formatIssue, enumeratePaths } from 'offshoot/core';
 * const report = validateStory(text, { file: 'story.json' });
 * if (!report.valid) console.error(report.errors.map(formatIssue).join('\n'));
 * else console.log(enumeratePaths(report.story!).playthroughs, 'playthroughs');
 *
 * @packageDocumentation
 */
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
