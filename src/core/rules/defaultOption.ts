import type { ChoiceOption, Story } from '../story/Story.js';
import type { Position } from './Position.js';
import { RuleError } from './RuleError.js';
import { segmentOf } from './segmentOf.js';
import { visibleOptions } from './visibleOptions.js';

/**
 * The option taken when the choice window runs out: the declared default when it is
 * visible; when it is hidden, the first visible option; when none is visible, the
 * declared default regardless of its `if` (the story must go on somewhere).
 *
 * @example
 * defaultOption(story, here).id; // 'dark'
 */
export function defaultOption(story: Story, position: Position): ChoiceOption {
  const choice = segmentOf(story, position.segmentId).choice;
  if (!choice) throw new RuleError('no-choice', `segment "${position.segmentId}" has no choice`);
  const visible = visibleOptions(story, position);
  const declared = choice.options.find((o) => o.id === choice.default);
  if (declared && visible.includes(declared)) return declared;
  if (visible[0]) return visible[0];
  if (!declared)
    throw new RuleError('unknown-option', `default "${choice.default}" is not an option of "${position.segmentId}"`);
  return declared;
}
