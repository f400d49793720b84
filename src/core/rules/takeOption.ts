import type { ChoiceOption, Story } from '../story/Story.js';
import type { Variables } from '../story/Variables.js';
import { enterSegment } from './enterSegment.js';
import { evaluateExpression } from './evaluateExpression.js';
import type { Position } from './Position.js';
import { RuleError } from './RuleError.js';
import { segmentOf } from './segmentOf.js';
import { visibleOptions } from './visibleOptions.js';

/**
 * The options a viewer can end up taking at `position`: the visible ones, or, when none is
 * visible, the declared default (what the timer takes).
 *
 * @example
 * takeableOptions(story, here).map((o) => o.id);
 */
export function takeableOptions(story: Story, position: Position): ChoiceOption[] {
  const choice = segmentOf(story, position.segmentId).choice;
  if (!choice) return [];
  const visible = visibleOptions(story, position);
  if (visible.length > 0) return visible;
  const declared = choice.options.find((o) => o.id === choice.default);
  return declared ? [declared] : [];
}

/**
 * Applies an option's `set` and moves to its target. Every `set` expression reads the state
 * as it was before any of them applied, so `{ a: "b", b: "a" }` swaps.
 *
 * @example
 * applyOption(here, { id: 'x', label: 'X', next: 'forest', set: { courage: 'courage + 1' } });
 */
export function applyOption(position: Position, option: ChoiceOption): Position {
  let vars: Variables = position.vars;
  if (option.set) {
    vars = { ...position.vars };
    for (const [name, source] of Object.entries(option.set)) vars[name] = evaluateExpression(source, position);
  }
  return enterSegment(position, option.next, vars);
}

/**
 * The position after the viewer takes `optionId` at `position`: at the option's target with
 * its `set` applied and the target's visit count raised. Throws a RuleError when the segment
 * has no choice, the option does not exist, or it is hidden (a hidden default may be taken
 * only when no option is visible, as the timer does).
 *
 * @example
 * const next = takeOption(story, initialPosition(story), 'lantern');
 * next.segmentId; // 'lantern'
 */
export function takeOption(story: Story, position: Position, optionId: string): Position {
  const choice = segmentOf(story, position.segmentId).choice;
  if (!choice) throw new RuleError('no-choice', `segment "${position.segmentId}" has no choice`);
  const option = choice.options.find((o) => o.id === optionId);
  if (!option)
    throw new RuleError('unknown-option', `"${optionId}" is not an option of segment "${position.segmentId}"`);
  if (!takeableOptions(story, position).includes(option)) {
    throw new RuleError(
      'option-hidden',
      `option "${optionId}" of segment "${position.segmentId}" is hidden (its if is false)`,
    );
  }
  return applyOption(position, option);
}
