import type { ChoiceStep } from '../protocol/GenerationRequest.js';
import type { Story } from '../story/Story.js';
import { followRoutes } from './followRoutes.js';
import { initialPosition } from './initialPosition.js';
import type { Position } from './Position.js';
import { RuleError } from './RuleError.js';
import { segmentOf } from './segmentOf.js';
import { takeOption } from './takeOption.js';

/**
 * Replays a viewer's choices from the story's start and returns where they are: at the
 * target of the last choice (its `next` routes not yet followed), or at the start when
 * `history` is empty. Between choices it follows `next` routes as the player does.
 * Throws a RuleError (with `step`) naming the first step that does not fit.
 *
 * @example
 * replayHistory(story, [{ segmentId: 'intro', optionId: 'lantern' }]).segmentId; // 'lantern'
 */
export function replayHistory(story: Story, history: readonly ChoiceStep[]): Position {
  let position = initialPosition(story);
  history.forEach((step, index) => {
    const where = `history step ${index} (${step.segmentId}:${step.optionId})`;
    try {
      position = followRoutes(story, position);
    } catch (error) {
      throw rethrow(error, `${where}: ${(error as Error).message}`, index);
    }
    if (segmentOf(story, position.segmentId).end) {
      throw new RuleError('story-ended', `${where}: the story already ended at "${position.segmentId}"`, index);
    }
    if (step.segmentId !== position.segmentId) {
      throw new RuleError(
        'history-mismatch',
        `${where}: the viewer is at "${position.segmentId}", not "${step.segmentId}"`,
        index,
      );
    }
    try {
      position = takeOption(story, position, step.optionId);
    } catch (error) {
      throw rethrow(error, `${where}: ${(error as Error).message}`, index);
    }
  });
  return position;
}

function rethrow(error: unknown, message: string, step: number): unknown {
  return error instanceof RuleError ? new RuleError(error.code, message, step) : error;
}
