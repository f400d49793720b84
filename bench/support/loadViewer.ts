// One simulated viewer for the load bench: walks a story over the generation API the way the
// player does (story, generate the segment and the next candidates, wait for it by SSE or by
// polling, fetch its HLS files, choose, cancel the candidates not taken), timing every request.
import { Agent, request } from 'node:http';
import type { RouteStats } from './routeStats.js';

export interface LoadStory {
  id: string;
  start: string;
  segments: Record<string, { next?: string; end?: boolean; choice?: { options: Array<{ id: string; next: string }> } }>;
}

export interface ViewerPlan {
  base: string;
  token: string;
  storyId: string;
  /** SSE (true) or polling every 250 ms (false) while a job renders. */
  sse: boolean;
  /** Stop starting requests after this (performance.now() ms). */
  until: number;
  random: () => number;
  stats: RouteStats;
  /** Time from asking for a segment to its job being done (ms). */
  readyMs: number[];
  /** Generation requests answered 200/202 (a render asked for, possibly shared). */
  accepted: { count: number; keys: Set<string> };
  /** Seconds a viewer "watches" each segment before choosing. */
  watchSeconds: number;
}

// Idle sockets are dropped after 4 s, before the server's 5 s keep-alive timeout: otherwise a
// request sent on a socket the server is closing that instant fails with ECONNRESET (Node's
// documented keep-alive race), an error of the client, not of the backend.
const agent = new Agent({ keepAlive: true, maxSockets: Infinity, timeout: 4_000 });

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(plan: ViewerPlan, route: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const url = new URL(plan.base);
  const started = performance.now();
  return new Promise((resolve) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${plan.token}` };
    const text = body === undefined ? undefined : JSON.stringify(body);
    if (text !== undefined) headers['Content-Type'] = 'application/json';
    const req = request({ host: url.hostname, port: url.port, path, method, headers, agent }, (res) => {
      let data = '';
      res.setEncoding('utf8').on('data', (c: string) => (data += c));
      res.on('end', () => {
        plan.stats.add(route, performance.now() - started, res.statusCode ?? 0);
        resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers });
      });
      res.on('error', () => resolve({ status: 0, body: '', headers: {} }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      plan.stats.add(route, performance.now() - started, 0, `${error.code ?? error.message} on ${route}`);
      resolve({ status: 0, body: '', headers: {} });
    });
    req.end(text);
  });
}

/** Opens the job's SSE stream (latency = time to the response head) and resolves when it ends. */
function waitSse(plan: ViewerPlan, key: string): Promise<string> {
  const url = new URL(plan.base);
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request({ host: url.hostname, port: url.port, path: `/api/v1/jobs/${key}/events`, agent }, (res) => {
      plan.stats.add('GET /api/v1/jobs/:id/events (open)', performance.now() - started, res.statusCode ?? 0);
      let data = '';
      res.setEncoding('utf8').on('data', (c: string) => (data += c));
      res.on('end', () => resolve(/event: (done|failed|cancelled)/.exec(data)?.[1] ?? 'ended'));
      res.on('error', () => resolve('error'));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      plan.stats.add(
        'GET /api/v1/jobs/:id/events (open)',
        performance.now() - started,
        0,
        `${error.code ?? error.message} on events`,
      );
      resolve('error');
    });
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitDone(plan: ViewerPlan, key: string): Promise<boolean> {
  if (plan.sse) return (await waitSse(plan, key)) === 'done';
  while (performance.now() < plan.until + 30_000) {
    const reply = await send(plan, 'GET /api/v1/jobs/:id', 'GET', `/api/v1/jobs/${key}`);
    const status = reply.status === 200 ? (JSON.parse(reply.body) as { status: string }).status : 'error';
    if (status === 'done') return true;
    if (status !== 'queued' && status !== 'running') return false;
    await sleep(250);
  }
  return false;
}

/** Fetches the master playlist, each media playlist, its init segment and media segments. */
async function fetchMedia(plan: ViewerPlan, playlistUrl: string): Promise<void> {
  const master = await send(plan, 'GET /store (playlist)', 'GET', playlistUrl);
  const dir = playlistUrl.slice(0, playlistUrl.lastIndexOf('/') + 1);
  const variants = master.body.split('\n').filter((l) => l && !l.startsWith('#'));
  for (const variant of variants) {
    const media = await send(plan, 'GET /store (playlist)', 'GET', dir + variant);
    const files = [...media.body.matchAll(/URI="([^"]+)"/g)].map((m) => m[1] as string);
    files.push(...media.body.split('\n').filter((l) => l && !l.startsWith('#')));
    for (const file of files) await send(plan, 'GET /store (media)', 'GET', dir + file);
  }
}

/** Runs one viewer until `plan.until`: whole walks from the start, one after another. Returns segments watched. */
export async function runViewer(plan: ViewerPlan): Promise<number> {
  const storyReply = await send(plan, 'GET /api/v1/stories/:id', 'GET', `/api/v1/stories/${plan.storyId}`);
  if (storyReply.status !== 200) return 0;
  const story = JSON.parse(storyReply.body) as LoadStory;
  let watched = 0;
  while (performance.now() < plan.until) {
    const history: Array<{ segmentId: string; optionId: string }> = [];
    let here: string | undefined = story.start;
    while (here && performance.now() < plan.until) {
      const segment: LoadStory['segments'][string] | undefined = story.segments[here];
      if (!segment) break;
      const options: Array<{ id: string; next: string }> = segment.choice?.options ?? [];
      const ahead = segment.choice ? options.map((o) => o.next) : segment.next ? [segment.next] : [];
      const asked = performance.now();
      const jobs = new Map<string, { key: string; status: string; playlistUrl: string }>();
      for (const segmentId of [here, ...ahead]) {
        for (let attempt = 0; attempt < 5; attempt++) {
          const reply = await send(plan, 'POST /api/v1/generate', 'POST', '/api/v1/generate', {
            storyId: plan.storyId,
            segmentId,
            history,
            deadline: segmentId === here ? 0 : 2,
          });
          if (reply.status === 200 || reply.status === 202) {
            const job = JSON.parse(reply.body) as { key: string; status: string; playlistUrl: string };
            jobs.set(segmentId, job);
            plan.accepted.count++;
            plan.accepted.keys.add(job.key);
            break;
          }
          // Only the segment being watched is worth a retry after a 429/503; candidates are not.
          if (segmentId !== here || (reply.status !== 429 && reply.status !== 503)) break;
          await sleep(Math.min(2_000, 1000 * Number(reply.headers['retry-after'] ?? 1)));
        }
      }
      const current = jobs.get(here);
      if (!current || (current.status !== 'done' && !(await waitDone(plan, current.key)))) break;
      plan.readyMs.push(performance.now() - asked);
      await fetchMedia(plan, current.playlistUrl);
      watched++;
      await sleep(plan.watchSeconds * 1000);
      if (segment.end) break;
      const option: { id: string; next: string } | undefined = options.length
        ? options[Math.floor(plan.random() * options.length)]
        : undefined;
      const next: string | undefined = option ? option.next : segment.next;
      if (option) history.push({ segmentId: here, optionId: option.id });
      // The player cancels what the viewer can no longer reach.
      for (const [segmentId, job] of jobs) {
        if (segmentId !== here && segmentId !== next && job.status !== 'done')
          await send(plan, 'DELETE /api/v1/jobs/:id', 'DELETE', `/api/v1/jobs/${job.key}`);
      }
      here = next;
    }
  }
  return watched;
}
