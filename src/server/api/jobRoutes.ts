import { authenticate } from '../auth/authenticate.js';
import { HttpError } from '../http/HttpError.js';
import type { RouteHandler } from '../http/Router.js';
import { sendJson } from '../http/sendJson.js';
import { RENDITION_KEY } from '../store/renditionKey.js';
import type { ApiContext } from './ApiContext.js';

/**
 * The `:id` of a job route, or a 404 when it cannot be a job id (a rendition key: 64 hex
 * digits). Checked before the queue or Redis is asked anything, so a traversal attempt or an
 * overlong id costs one regular expression.
 *
 * @example
 * const id = jobIdParam(params); // throws HttpError 404 for '../etc/passwd'
 */
export function jobIdParam(params: Record<string, string>): string {
  const id = params.id ?? '';
  if (!RENDITION_KEY.test(id))
    throw new HttpError(404, 'unknown-job', `No job "${id.length > 80 ? `${id.slice(0, 80)}…` : id}"`);
  return id;
}

/**
 * GET /api/v1/jobs/:id: the job's current snapshot. Public like the media it describes (a job
 * id is a content hash that reveals nothing a playlist URL would not).
 *
 * @example
 * router.add('GET', '/api/v1/jobs/:id', getJobRoute(ctx));
 */
export function getJobRoute(ctx: ApiContext): RouteHandler {
  return async ({ res, params }) => {
    const id = jobIdParam(params);
    const job = await ctx.queue.get(id);
    if (!job) throw new HttpError(404, 'unknown-job', `No job "${id}"`);
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
    const viewer = authenticate(req, ctx.secret, ctx.tokenPolicy);
    const jobId = jobIdParam(params);
    const job = await ctx.queue.release(jobId, viewer.sub);
    // Frees this viewer's slot under the cap whether or not others still want the job.
    await ctx.wants.drop(viewer.sub, jobId);
    if (!job) throw new HttpError(404, 'unknown-job', `No job "${jobId}"`);
    sendJson(res, 200, job);
  };
}
