import { InvalidArgumentError } from 'commander';

/**
 * Commander collector for a repeatable `--mount prefix=dir`: media the story names under
 * `prefix/` is found in folder `dir` (test-paths serves it there; validate --media reads it).
 *
 * @example
 * new Command('x').option('--mount <prefix=dir>', 'serve dir as prefix/', collectMount);
 * collectMount('media=test/media', undefined); // { media: 'test/media' }
 */
export function collectMount(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError('expected prefix=dir, e.g. media=test/media');
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}
