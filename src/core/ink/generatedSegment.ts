import type { ChoiceOption, Segment } from '../story/Story.js';
import { seedOf } from './seedOf.js';

/** Reading pace used to turn prose into a duration, in words per second. */
const WORDS_PER_SECOND = 2.5;
export const MIN_DURATION = 4;
export const MAX_DURATION = 30;
/** Prompts longer than this are cut at a word boundary: generators want a scene, not a chapter. */
const MAX_PROMPT = 400;

/**
 * A `generate` segment for a passage or an ink choice point: the prompt is its prose (braces
 * removed, since `{x}` would be a state placeholder), the seed comes from its name, the duration
 * from the length of the prose (MIN_DURATION–MAX_DURATION s). With options, the choice opens
 * halfway through and times out at the end (at least 2 s), defaulting to the first option;
 * without, the segment is an ending.
 *
 * @example
 * generatedSegment('Start', 'A fox at the edge of the wood.', [{ id: 'go', label: 'Go', next: 'wood' }], 'What now?');
 */
export function generatedSegment(
  name: string,
  prose: string,
  options: ChoiceOption[],
  question = 'What next?',
): Segment {
  const words = prose.split(/\s+/).filter(Boolean).length;
  const duration = Math.min(MAX_DURATION, Math.max(MIN_DURATION, Math.round(words / WORDS_PER_SECOND)));
  const segment: Segment = { generate: { prompt: promptOf(prose, name), seed: seedOf(name) }, duration };
  const first = options[0];
  if (first) segment.choice = { prompt: question, at: Math.floor(duration / 2), default: first.id, options };
  else segment.end = true;
  return segment;
}

function promptOf(prose: string, name: string): string {
  const text = prose.replace(/[{}]/g, '').replace(/\s+/g, ' ').trim() || `Scene: ${name.replace(/[{}]/g, '')}`;
  if (text.length <= MAX_PROMPT) return text;
  const cut = text.slice(0, MAX_PROMPT);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_PROMPT / 2 ? cut.slice(0, space) : cut}…`;
}
