import type { Story as InkRuntime } from 'inkjs';

/** Where ink stops to wait for the reader: what it printed since the last choice, and what it offers. */
export interface InkWaitingPoint {
  text: string;
  /** `#tags` of the lines printed, in order. */
  tags: string[];
  /** Choice texts, in ink's order (empty at an ending). */
  choices: string[];
  /** Knot (and stitch) where the choices are offered, or where the text ended. */
  place: string;
  /** ink runtime errors met on the way (the story then ends there). */
  errors: string[];
}

/**
 * Runs ink until it waits for the reader (a choice, or the end) and says what it printed and offers.
 *
 * @example
 * runtime.ChooseChoiceIndex(0);
 * const { text, choices } = waitForReader(runtime);
 */
export function waitForReader(runtime: InkRuntime): InkWaitingPoint {
  let text = '';
  const tags: string[] = [];
  const errors: string[] = [];
  // Where the last line came from: at an end ink's own path is gone, and this names the ending.
  let from = runtime.state.currentPathString;
  try {
    while (runtime.canContinue) {
      from = runtime.state.currentPathString ?? from;
      text += runtime.Continue() ?? '';
      tags.push(...(runtime.currentTags ?? []));
    }
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
  }
  const choices = errors.length ? [] : runtime.currentChoices;
  const path = choices[0]?.sourcePath ?? from ?? 'end';
  return { text: text.trim(), tags, choices: choices.map((c) => c.text.trim()), place: placeOf(path), errors };
}

/** `knot` or `knot.stitch` of an ink path such as `start.waited.0.g-1.c-2`. */
function placeOf(path: string): string {
  const parts = path.split('.');
  const named = [parts[0] || 'start'];
  if (parts[1] && !/^\d+$|^[gc]-\d+$|^s\d*$/.test(parts[1])) named.push(parts[1]);
  return named.join('.');
}
