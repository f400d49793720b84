import { MAX_STORY_CHARACTERS } from './limits.js';

/**
 * The message for a story over MAX_STORY_CHARACTERS.
 *
 * @example
 * tooLarge(50_000_000); // 'the story is 47.7 MiB (50000000 characters); …'
 */
export function tooLarge(characters: number): string {
  const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `the story is ${mib(characters)} (${characters} characters); the limit is ${mib(MAX_STORY_CHARACTERS)}: move large text out of the story (a story holds ids, labels and short lines) or split it`;
}
