import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './HttpError.js';
import { sendJson } from './sendJson.js';

/** What a route handler gets. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** `:name` parts of the pattern, percent-decoded. */
  params: Record<string, string>;
  /** For patterns ending in `*`: the rest of the path, still percent-encoded (see safeRelativePath). */
  tail: string;
  query: URLSearchParams;
}

export type RouteHandler = (ctx: RouteContext) => Promise<void> | void;

interface Route {
  method: string;
  parts: string[];
  handler: RouteHandler;
}

/**
 * A deliberately small router: exact segments, `:param` segments and a trailing `*`. It works
 * on the raw request path (no URL normalisation, so `..` is never silently resolved), and
 * turns thrown HttpErrors into JSON replies.
 *
 * @example
 * const router = new Router();
 * router.add('GET', '/api/v1/jobs/:id', ({ params, res }) => sendJson(res, 200, { id: params.id }));
 * http.createServer((req, res) => void router.handle(req, res));
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method, parts: pattern.split('/').slice(1), handler });
    return this;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
    try {
      if (!path.startsWith('/') || path.includes('\0')) throw new HttpError(400, 'bad-path', 'Malformed request path');
      const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
      let pathMatched = false;
      for (const route of this.routes) {
        const match = matchRoute(route.parts, path.split('/').slice(1));
        if (!match) continue;
        pathMatched = true;
        if (route.method !== method) continue;
        await route.handler({ req, res, params: match.params, tail: match.tail, query });
        return;
      }
      if (pathMatched) throw new HttpError(405, 'method-not-allowed', `${req.method} is not allowed here`);
      throw new HttpError(404, 'not-found', 'No such resource');
    } catch (error) {
      replyWithError(res, error);
    }
  }
}

function matchRoute(pattern: string[], parts: string[]): { params: Record<string, string>; tail: string } | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] as string;
    if (want === '*') return { params, tail: parts.slice(i).join('/') };
    const got = parts[i];
    if (got === undefined) return undefined;
    if (want.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(got);
      } catch {
        return undefined;
      }
      if (value === '' || /[/\\\0]/.test(value) || value === '.' || value === '..') return undefined;
      params[want.slice(1)] = value;
    } else if (want !== got) return undefined;
  }
  return parts.length === pattern.length ? { params, tail: '' } : undefined;
}

/** Sends an HttpError as JSON; anything else is logged and becomes a 500 without details. */
export function replyWithError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof HttpError) {
    sendJson(res, error.status, { error: { code: error.code, message: error.message } }, error.headers);
    return;
  }
  console.error('[offshoot server] unexpected error', error);
  sendJson(res, 500, { error: { code: 'internal', message: 'Internal server error' } });
}
