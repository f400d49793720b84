import { authenticate, requireStoryScope } from '../auth/authenticate.js';
import { resolveRenderTask } from '../generation/resolveRenderTask.js';
import { HttpError } from '../http/HttpError.js';
import { readJsonBody } from '../http/readJsonBody.js';
import type { RouteHandler } from '../http/Router.js';
import { sendJson } from '../http/sendJson.js';
import type { ApiContext } from './ApiContext.js';
import { arrivalPosition, LOOKAHEAD_DEPTH } from './arrivalPosition.js';
import { discoverHistory } from '../../core/ink/discoverHistory.js';
import { storyForMachine } from '../../core/ink/storyForMachine.js';
import { parseGenerationRequest } from './parseGenerationRequest.js';

/** Deadline assumed when a request names none: later than any real lookahead. */
const DEFAULT_DEADLINE = 60;

/** Retry-After on a 429 `too-many-wants`: about one short render's head; the viewer's own DELETE frees a slot at once. */
const WANTS_RETRY_SECONDS = 2;

/**
 * POST /api/v1/generate. Every check runs before any render work, cheapest first: token
 * (401), per-viewer rate limit (429 + Retry-After), body size (413), JSON and shape (400),
 * token scope (403), story and segment (404), a `generate` spec (400), history replay (400)
 * and reachability (403 `unreachable`). Then the per-viewer cap on unfinished jobs (429
 * `too-many-wants` + Retry-After; asking again for a job the viewer holds is always allowed)
 * and the job is submitted (coalesced by key): 202 with the job, or 200 when the store
 * already has the rendition.
 *
 * @example
 * router.add('POST', '/api/v1/generate', generateRoute(ctx));
 */
export function generateRoute(ctx: ApiContext): RouteHandler {
  return async ({ req, res }) => {
    const viewer = authenticate(req, ctx.secret, ctx.tokenPolicy);
    const wait = await ctx.limiter.take(viewer.sub);
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait));
      throw new HttpError(429, 'rate-limited', `Too many generation requests from this viewer; retry in ${seconds} s`, {
        'Retry-After': String(seconds),
      });
    }
    const request = parseGenerationRequest(await readJsonBody(req, ctx.bodyLimit));
    requireStoryScope(viewer, request.storyId);
    const loaded = ctx.stories.get(request.storyId);
    if (!loaded) throw new HttpError(404, 'unknown-story', `No story "${request.storyId}" on this server`);
    // A story with ink is checked on ink's own states (inkjs drives it); it makes its segments as
    // they are reached, so the history (and the lookahead) is played first.
    const story = storyForMachine(loaded.story, loaded.ink);
    discoverHistory(story, request.history, LOOKAHEAD_DEPTH);
    const segment = Object.hasOwn(story.segments, request.segmentId) ? story.segments[request.segmentId] : undefined;
    if (!segment)
      throw new HttpError(404, 'unknown-segment', `Story "${story.id}" has no segment "${request.segmentId}"`);
    if (!segment.generate)
      throw new HttpError(
        400,
        'not-generated',
        `Segment "${request.segmentId}" has media of its own (no generate spec)`,
      );
    const arrival = arrivalPosition(story, request);
    const task = resolveRenderTask(story, request.segmentId, arrival.vars, {
      generator: ctx.generator,
      segmentSeconds: ctx.segmentSeconds,
    });
    const want = { viewerId: viewer.sub, deadline: request.deadline ?? DEFAULT_DEADLINE };
    const outcome = await ctx.wants.submitWithin(viewer.sub, task.key, () => ctx.queue.submit(task, want));
    if (!outcome.ok) {
      const { cap } = ctx.wants;
      sendJson(
        res,
        429,
        {
          error: {
            code: 'too-many-wants',
            message: `This viewer already has ${outcome.held} unfinished generation jobs (the cap is ${cap}); cancel one (DELETE /api/v1/jobs/:id) or retry once one finishes`,
            cap,
            held: outcome.held,
          },
        },
        { 'Retry-After': String(WANTS_RETRY_SECONDS) },
      );
      return;
    }
    const { job } = outcome;
    sendJson(res, job.status === 'done' ? 200 : 202, job);
  };
}
