import { authenticate } from '../auth/authenticate.js';
import { HttpError } from '../http/HttpError.js';
import type { RouteHandler } from '../http/Router.js';
import { sendJson } from '../http/sendJson.js';
import type { ApiContext } from './ApiContext.js';

/**
 * GET /api/v1/jobs/:id: the job's current snapshot. Public like the media it describes (a job
 * id is a content hash that reveals nothing a playlist URL would not).
 *
 * @example
 * router.add('GET', '/api/v1/jobs/:id', getJobRoute(ctx));
 */
export function getJobRoute(ctx: ApiContext): RouteHandler {
  return async ({ res, params }) => {
    const job = await ctx.queue.get(params.id as string);
    if (!job) throw new HttpError(404, 'unknown-job', `No job "${params.id}"`);
    sendJson(res, 200, job);
  };
}

/**
 * DELETE /api/v1/jobs/:id: this viewer (from the token) no longer wants the job (and it no
 * longer counts under the viewer's cap). It is cancelled, and its render aborted, only when
 * no other viewer still wants it.
 *
 * @example
 * router.add('DELETE', '/api/v1/jobs/:id', deleteJobRoute(ctx));
 */
export function deleteJobRoute(ctx: ApiContext): RouteHandler {
  return async ({ req, res, params }) => {
    const viewer = authenticate(req, ctx.secret);
    const jobId = params.id as string;
    const job = await ctx.queue.release(jobId, viewer.sub);
    // Frees this viewer's slot under the cap whether or not others still want the job.
    ctx.wants.drop(viewer.sub, jobId);
    if (!job) throw new HttpError(404, 'unknown-job', `No job "${params.id}"`);
    sendJson(res, 200, job);
  };
}
