import type { GenerationJob } from '../../core/index.js';
import { HttpError } from '../http/HttpError.js';
import type { RouteHandler } from '../http/Router.js';
import { isFinal } from '../queue/JobQueue.js';
import { QueueUnavailable } from '../queue/QueueUnavailable.js';
import type { ApiContext } from './ApiContext.js';
import { jobIdParam } from './jobRoutes.js';

/**
 * GET /api/v1/jobs/:id/events: Server-Sent Events. Each event carries the whole job as JSON:
 * `event: progress` while queued or running, then one `event: done|failed|cancelled` and
 * the stream ends. A `: heartbeat` comment goes out when idle. A client that disconnects
 * unsubscribes at once (no listener or timer is left behind).
 *
 * @example
 * router.add('GET', '/api/v1/jobs/:id/events', jobEventsRoute(ctx));
 */
export function jobEventsRoute(ctx: ApiContext): RouteHandler {
  return async ({ req, res, params }) => {
    const id = jobIdParam(params);
    const buffered: GenerationJob[] = [];
    let live = false;
    let last = '';
    let ended = false;
    // Subscribe before reading the snapshot so an update in between is not lost.
    const stop = ctx.queue.watch(id, (job) => (live ? send(job) : buffered.push(job)));
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), ctx.heartbeatMs);
    const cleanup = (): void => {
      ended = true;
      stop();
      clearInterval(heartbeat);
    };
    req.on('close', cleanup);
    const send = (job: GenerationJob): void => {
      if (ended) return;
      const data = JSON.stringify(job);
      if (data === last) return;
      last = data;
      const type = isFinal(job) ? job.status : 'progress';
      res.write(`event: ${type}\ndata: ${data}\n\n`);
      if (isFinal(job)) {
        cleanup();
        res.end();
      }
    };
    let first: GenerationJob | undefined;
    try {
      first = await ctx.queue.get(id);
    } catch (error) {
      cleanup();
      // Redis down: a 503 the client retries (EventSource does by itself), not a 404 that says the job is gone.
      if (error instanceof QueueUnavailable) throw error;
    }
    if (!first) {
      cleanup();
      throw new HttpError(404, 'unknown-job', `No job "${id}"`);
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    live = true;
    send(first);
    for (const job of buffered.splice(0)) if (isFinal(job) || job.progress >= first.progress) send(job);
  };
}
