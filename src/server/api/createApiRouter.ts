import { Router } from '../http/Router.js';
import { sendJson } from '../http/sendJson.js';
import type { ApiContext } from './ApiContext.js';
import { generateRoute } from './generateRoute.js';
import { jobEventsRoute } from './jobEventsRoute.js';
import { deleteJobRoute, getJobRoute } from './jobRoutes.js';
import { storeRoute } from './storeRoute.js';
import { storyMediaRoute, storyRoute } from './storyRoutes.js';

/**
 * Every HTTP route of the backend. docs/generation-api.md describes each.
 *
 * @example
 * const router = createApiRouter(ctx);
 * http.createServer((req, res) => void router.handle(req, res));
 */
export function createApiRouter(ctx: ApiContext): Router {
  const story = storyRoute(ctx.stories);
  return (
    new Router()
      // Always 200 while this process answers (stories and media are still served when Redis is
      // down); `queue` says whether new jobs can be taken.
      .add('GET', '/healthz', ({ res }) =>
        sendJson(res, 200, {
          ok: true,
          queue: ctx.queue.available?.() === false ? 'unavailable' : 'ok',
          stories: ctx.stories.ids().length,
          generator: `${ctx.generator.id}@${ctx.generator.version}`,
        }),
      )
      .add('POST', '/api/v1/generate', generateRoute(ctx))
      .add('GET', '/api/v1/jobs/:id', getJobRoute(ctx))
      .add('DELETE', '/api/v1/jobs/:id', deleteJobRoute(ctx))
      .add('GET', '/api/v1/jobs/:id/events', jobEventsRoute(ctx))
      .add('GET', '/api/v1/stories/:id', story)
      .add('GET', '/api/v1/stories/:id/*', storyMediaRoute(ctx.stories, story))
      .add('GET', '/store/:key/*', storeRoute(ctx.store))
  );
}
