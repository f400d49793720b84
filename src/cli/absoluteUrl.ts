import { InvalidArgumentError } from 'commander';

/**
 * Commander parser for `--base-url`: an absolute URL (http(s) or file), normalised, against
 * which media URLs resolve as in the player (its `baseUrl` option).
 *
 * @example
 * new Command('validate').option('--base-url <url>', 'media URLs resolve against this URL', absoluteUrl);
 * absoluteUrl('https://cdn.example/stories/story.json'); // 'https://cdn.example/stories/story.json'
 */
export function absoluteUrl(value: string): string {
  try {
    return new URL(value).href;
  } catch {
    throw new InvalidArgumentError('expected an absolute URL, e.g. https://cdn.example/stories/story.json');
  }
}
