import { authenticate, requireStoryScope } from '../auth/authenticate.js';
import { resolveRenderTask } from '../generation/resolveRenderTask.js';
import { HttpError } from '../http/HttpError.js';
import { readJsonBody } from '../http/readJsonBody.js';
import type { RouteHandler } from '../http/Router.js';
import { sendJson } from '../http/sendJson.js';
import type { ApiContext } from './ApiContext.js';
import { arrivalPosition } from './arrivalPosition.js';
import { parseGenerationRequest } from './parseGenerationRequest.js';

/** Deadline assumed when a request names none: later than any real lookahead. */
const DEFAULT_DEADLINE = 60;

/**
 * POST /api/v1/generate. Every check runs before any render work, cheapest first: token
 * (401), per-viewer rate limit (429 + Retry-After), body size (413), JSON and shape (400),
 * token scope (403), story and segment (404), a `generate` spec (400), history replay (400)
 * and reachability (403 `unreachable`). Then the job is submitted (coalesced by key):
 * 202 with the job, or 200 when the store already has the rendition.
 *
 * @example
 * router.add('POST', '/api/v1/generate', generateRoute(ctx));
 */
export function generateRoute(ctx: ApiContext): RouteHandler {
  return async ({ req, res }) => {
    const viewer = authenticate(req, ctx.secret);
    const wait = ctx.limiter.take(viewer.sub);
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait));
      throw new HttpError(429, 'rate-limited', `Too many generation requests from this viewer; retry in ${seconds} s`, { 'Retry-After': String(seconds) });
    }
    const request = parseGenerationRequest(await readJsonBody(req, ctx.bodyLimit));
    requireStoryScope(viewer, request.storyId);
    const loaded = ctx.stories.get(request.storyId);
    if (!loaded) throw new HttpError(404, 'unknown-story', `No story "${request.storyId}" on this server`);
    const { story } = loaded;
    const segment = Object.hasOwn(story.segments, request.segmentId) ? story.segments[request.segmentId] : undefined;
    if (!segment) throw new HttpError(404, 'unknown-segment', `Story "${story.id}" has no segment "${request.segmentId}"`);
    if (!segment.generate) throw new HttpError(400, 'not-generated', `Segment "${request.segmentId}" has media of its own (no generate spec)`);
    const arrival = arrivalPosition(story, request);
    const task = resolveRenderTask(story, request.segmentId, arrival.vars, { generator: ctx.generator, segmentSeconds: ctx.segmentSeconds });
    const job = await ctx.queue.submit(task, { viewerId: viewer.sub, deadline: request.deadline ?? DEFAULT_DEADLINE });
    sendJson(res, job.status === 'done' ? 200 : 202, job);
  };
}
