import type { Caption } from '../../core/story/Story.js';

/** A timed line: a story caption, or a subtitle cue placed on segment time. */
export type TimedLine = Pick<Caption, 'from' | 'to' | 'text'>;

/**
 * The caption text for segment time `t` (seconds), or null when none is due: the story's
 * caption (the first whose `[from, to)` holds `t`) above the subtitle cues due at `t` (WebVTT
 * cues may overlap: each due one is a line, in order). Both show when both are due: a story
 * caption is part of the story (a sign, a speaker's name) and subtitles translate the dialogue,
 * so neither hides the other (docs/decisions/0013-subtitles.md).
 *
 * @example
 * captionAt([{ from: 1, to: 2, text: 'Hello' }], 1.5); // 'Hello'
 * captionAt([{ from: 1, to: 2, text: '[Thunder]' }], 1.5, [{ from: 1, to: 3, text: 'Run!' }]); // '[Thunder]\nRun!'
 */
export function captionAt(
  captions: readonly TimedLine[],
  t: number,
  subtitles: readonly TimedLine[] = [],
): string | null {
  const due = (c: TimedLine) => t >= c.from && t < c.to;
  const lines = [captions.find(due), ...subtitles.filter(due)].filter((c) => c !== undefined).map((c) => c.text);
  return lines.length > 0 ? lines.join('\n') : null;
}
