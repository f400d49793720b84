import type { Caption } from '../../core/story/Story.js';

/**
 * The caption line for segment time `t` (seconds), or null when none is due: the first
 * caption whose `[from, to)` holds `t`.
 *
 * @example
 * captionAt([{ from: 1, to: 2, text: 'Hello' }], 1.5); // 'Hello'
 */
export function captionAt(captions: readonly Caption[], t: number): string | null {
  return captions.find((c) => t >= c.from && t < c.to)?.text ?? null;
}
