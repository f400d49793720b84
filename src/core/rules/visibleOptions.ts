import type { ChoiceOption, Story } from '../story/Story.js';
import { conditionHolds } from './evaluateExpression.js';
import type { Position } from './Position.js';
import { segmentOf } from './segmentOf.js';

/**
 * The options of the current segment's choice whose `if` holds, in story order
 * (empty when the segment has no choice).
 *
 * @example
 * visibleOptions(story, initialPosition(story)).map((o) => o.id); // ['lantern', 'dark']
 */
export function visibleOptions(story: Story, position: Position): ChoiceOption[] {
  const choice = segmentOf(story, position.segmentId).choice;
  if (!choice) return [];
  return choice.options.filter((option) => conditionHolds(option.if, position));
}
