import type { Variables, Visits } from '../story/Variables.js';

/**
 * Where a viewer is in a story and what their choices have left behind: the whole input
 * of every story rule. Positions are values: rules never mutate one, they return a new one.
 *
 * @example
 * const here: Position = { segmentId: 'intro', vars: { brave: false }, visits: { intro: 1 } };
 */
export interface Position {
  segmentId: string;
  vars: Variables;
  visits: Visits;
}
