import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** What the author pointed Storybook at, read from the environment (Node side only). */
export interface StoryFileConfig {
  /** Absolute path of the story file. */
  file: string;
  /** Its text, read once when Storybook starts. */
  text: string;
  /** The folder media URLs resolve against (the story file's folder). */
  dir: string;
  /** A folder standing in for `media/` next to the story (OFFSHOOT_MEDIA), if any. */
  mediaDir?: string;
  /** Generation backend for `generate` segments (OFFSHOOT_BACKEND, OFFSHOOT_BACKEND_TOKEN). */
  backend?: { baseUrl: string; token?: string };
}

const DEFAULT_STORY = 'examples/night-walk.json';

/**
 * Reads OFFSHOOT_STORY (default examples/night-walk.json, whose media the project's test media
 * stand in for, as in the demo), OFFSHOOT_MEDIA and OFFSHOOT_BACKEND(_TOKEN). A missing
 * story file is an error naming the path, so Storybook stops with that message.
 *
 * @example
 * OFFSHOOT_STORY=my/story.json npm run storybook
 */
export function storyFileConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): StoryFileConfig {
  const file = resolve(cwd, env.OFFSHOOT_STORY || DEFAULT_STORY);
  if (!existsSync(file)) {
    throw new Error(
      `OFFSHOOT_STORY: no story file at ${file}${env.OFFSHOOT_STORY ? '' : ' (the default)'}; set OFFSHOOT_STORY=path/to/story.json`,
    );
  }
  const dir = dirname(file);
  let mediaDir = env.OFFSHOOT_MEDIA ? resolve(cwd, env.OFFSHOOT_MEDIA) : undefined;
  // The bundled examples keep no media of their own: `npm run media` makes it under test/media.
  if (!mediaDir && !env.OFFSHOOT_STORY && !existsSync(resolve(dir, 'media'))) mediaDir = resolve(cwd, 'test/media');
  const backend = env.OFFSHOOT_BACKEND
    ? { baseUrl: env.OFFSHOOT_BACKEND, ...(env.OFFSHOOT_BACKEND_TOKEN ? { token: env.OFFSHOOT_BACKEND_TOKEN } : {}) }
    : undefined;
  return {
    file,
    text: readFileSync(file, 'utf8'),
    dir,
    ...(mediaDir ? { mediaDir } : {}),
    ...(backend ? { backend } : {}),
  };
}
