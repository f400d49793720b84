import { resolve } from 'node:path';
import { HttpError } from '../http/HttpError.js';
import type { RouteHandler } from '../http/Router.js';
import { sendJson } from '../http/sendJson.js';
import { serveFile } from '../http/serveFile.js';
import { contentTypeOf } from '../store/contentTypes.js';
import { safeRelativePath } from '../store/safeRelativePath.js';
import { insideRoot } from '../store/SegmentStore.js';
import type { StoryLibrary } from '../stories/StoryLibrary.js';

/**
 * GET /api/v1/stories/:id (and /api/v1/stories/:id/story.json): the validated story. Its
 * Content-Location is the story.json form, so relative `media` URLs resolve to
 * /api/v1/stories/:id/<path>, which storyMediaRoute serves from the story file's folder.
 *
 * @example
 * router.add('GET', '/api/v1/stories/:id', storyRoute(library));
 */
export function storyRoute(stories: StoryLibrary): RouteHandler {
  return ({ res, params }) => {
    const loaded = stories.get(params.id as string);
    if (!loaded) throw new HttpError(404, 'unknown-story', `No story "${params.id}" on this server`);
    sendJson(res, 200, loaded.story, {
      'Content-Location': `/api/v1/stories/${encodeURIComponent(loaded.story.id)}/story.json`,
    });
  };
}

/**
 * GET /api/v1/stories/:id/*: media next to a story file (only media types; never outside the
 * story's folder, symlinks included).
 *
 * @example
 * router.add('GET', '/api/v1/stories/:id/*', storyMediaRoute(library, storyRoute(library)));
 */
export function storyMediaRoute(stories: StoryLibrary, story: RouteHandler): RouteHandler {
  return async (ctx) => {
    const loaded = stories.get(ctx.params.id as string);
    if (!loaded) throw new HttpError(404, 'unknown-story', `No story "${ctx.params.id}" on this server`);
    const segments = safeRelativePath(ctx.tail);
    if (segments.length === 1 && segments[0] === 'story.json') return story(ctx);
    // The compiled ink the story's `ink` names (the player fetches it beside the story); no other JSON.
    const isInk = loaded.ink !== undefined && segments.join('/') === loaded.story.ink;
    const contentType = isInk ? 'application/json' : contentTypeOf(segments[segments.length - 1] as string);
    if (!contentType) throw new HttpError(404, 'not-found', 'No such file');
    const root = resolve(loaded.dir);
    const file = await insideRoot(root, resolve(root, ...segments));
    if (!file) throw new HttpError(404, 'not-found', 'No such file');
    await serveFile(ctx.req, ctx.res, file, { contentType, cacheControl: 'public, max-age=300' });
  };
}
