// A real node:http server speaking the generation API (docs/generation-api.md) whose
// replies a test scripts: 429s, 5xx, stalls, broken event streams. It records every request
// and every socket, so tests can check what the client sent and that it closed everything.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { GenerationJob } from '../../../src/core/index.js';

export interface Logged {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
  at: number;
}

/** Return true when the script handled the reply itself; false for the default behaviour. */
export type Script = (req: IncomingMessage, res: ServerResponse, body: unknown) => boolean;

export interface ScriptedBackend {
  url: string;
  log: Logged[];
  jobs: Map<string, GenerationJob>;
  /** Scripts for the next POST /generate calls, used in order, then the default. */
  generate: Script[];
  /** Scripts for the next GET .../events calls. */
  events: Script[];
  /** Update a job and push it to its open event streams. */
  push(jobId: string, patch: Partial<GenerationJob>): void;
  /** Open SSE responses right now. */
  openStreams(): number;
  /**
   * Open TCP sockets that carried a request. (Node's fetch may also open a spare idle
   * connection that never carries one; it closes on its own a few seconds later.)
   */
  openSockets(): number;
  /** Resolves when `predicate` holds (checked on every request and close). */
  until(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startScriptedBackend(): Promise<ScriptedBackend> {
  const log: Logged[] = [];
  const jobs = new Map<string, GenerationJob>();
  const streams = new Map<string, Set<ServerResponse>>();
  const sockets = new Set<Socket>();
  const used = new WeakSet<Socket>();
  const waiters = new Set<() => void>();
  const poke = (): void => waiters.forEach((w) => w());
  const generate: Script[] = [];
  const events: Script[] = [];

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    // Connection: close, so a socket left open after a test is one the client kept.
    res.writeHead(status, { 'content-type': 'application/json', connection: 'close', ...headers });
    res.end(JSON.stringify(body));
  };
  const send = (res: ServerResponse, job: GenerationJob): void => {
    const final = job.status === 'done' || job.status === 'failed' || job.status === 'cancelled';
    res.write(`event: ${final ? job.status : 'progress'}\ndata: ${JSON.stringify(job)}\n\n`);
    if (final) res.end();
  };

  const server = createServer((req, res) => {
    used.add(req.socket);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body: unknown = text ? JSON.parse(text) : undefined;
      const path = req.url ?? '/';
      log.push({
        method: req.method ?? '',
        path,
        authorization: req.headers.authorization,
        body,
        at: performance.now(),
      });
      poke();
      const jobMatch = /^\/api\/v1\/jobs\/([^/]+)(\/events)?$/.exec(path);
      if (req.method === 'POST' && path === '/api/v1/generate') {
        if (generate.shift()?.(req, res, body)) return;
        const { segmentId } = body as { segmentId: string };
        const job: GenerationJob = {
          jobId: `job-${segmentId}`,
          key: `key-${segmentId}`,
          status: 'queued',
          progress: 0,
          readySeconds: 0,
          durationSeconds: 6,
          playlistUrl: `/store/key-${segmentId}/index.m3u8`,
        };
        jobs.set(job.jobId, job);
        return json(res, 202, job);
      }
      const job = jobMatch ? jobs.get(decodeURIComponent(jobMatch[1] as string)) : undefined;
      if (!jobMatch || !job) return json(res, 404, { error: { code: 'unknown-job', message: `no job at ${path}` } });
      if (req.method === 'DELETE') {
        jobs.set(job.jobId, { ...job, status: 'cancelled' });
        json(res, 200, jobs.get(job.jobId));
        for (const s of streams.get(job.jobId) ?? []) send(s, jobs.get(job.jobId) as GenerationJob);
        return;
      }
      if (!jobMatch[2]) return json(res, 200, job);
      if (events.shift()?.(req, res, body)) return;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      let set = streams.get(job.jobId);
      if (!set) streams.set(job.jobId, (set = new Set()));
      set.add(res);
      res.on('close', () => {
        set.delete(res);
        poke();
      });
      res.write('retry: 2000\n\n');
      send(res, job);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      poke();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    log,
    jobs,
    generate,
    events,
    push(jobId, patch) {
      const job = { ...(jobs.get(jobId) as GenerationJob), ...patch };
      jobs.set(jobId, job);
      for (const s of streams.get(jobId) ?? []) send(s, job);
    },
    openStreams: () => [...streams.values()].reduce((n, s) => n + s.size, 0),
    openSockets: () => [...sockets].filter((s) => used.has(s)).length,
    until(predicate, what, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!predicate()) return;
          waiters.delete(check);
          clearTimeout(timer);
          clearInterval(poll);
          resolve();
        };
        // Also poll: some predicates read client state that changes between requests.
        const poll = setInterval(check, 5);
        const timer = setTimeout(() => {
          waiters.delete(check);
          clearInterval(poll);
          reject(new Error(`timed out waiting for ${what}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
