import { compiled } from '../rules/evaluateExpression.js';
import type { Story } from '../story/Story.js';

/**
 * The variables and visit counts any expression of the story reads. Nothing else can
 * change what a viewer sees next, so path search keys its memo on these alone.
 *
 * @example
 * relevantNames(story); // { vars: ['coins', 'key', 'torch'], visits: ['blue'] }
 */
export function relevantNames(story: Story): { vars: string[]; visits: string[] } {
  const vars = new Set<string>();
  const visits = new Set<string>();
  const read = (source: string | undefined): void => {
    if (source === undefined) return;
    const expression = compiled(source);
    for (const name of expression.variables) vars.add(name);
    for (const id of expression.visits) visits.add(id);
  };
  for (const segment of Object.values(story.segments)) {
    for (const option of segment.choice?.options ?? []) {
      read(option.if);
      for (const source of Object.values(option.set ?? {})) read(source);
    }
    if (Array.isArray(segment.next)) for (const route of segment.next) read(route.if);
  }
  return { vars: [...vars].sort(), visits: [...visits].sort() };
}
