// A simulated viewer for the backend benches: walks a branchingStory in real time against a
// real backend over HTTP, asking for what it could reach next (depth 2, honest deadlines),
// choosing at random when the choice opens, optionally withdrawing (DELETE) what became
// unreachable, and holding whenever the segment it reaches (or the next second of it) is
// not rendered yet. No browser: the player's buffering is modelled as "play what is ready".
import type { GenerationJob } from '../src/core/index.js';
import { seededRandom } from './support/rng.js';
import { childOf } from './scaleoutStory.js';

export interface ViewerOptions {
  url: string;
  token: string;
  storyId: string;
  /** Options per choice and choice levels, as in the story. */
  branching: number;
  levels: number;
  seconds: number;
  choiceAt: number;
  seed: number;
  /** DELETE the jobs of branches the choice made unreachable. */
  cancel: boolean;
  /** Seconds of a branch that make it playable. Default 2. */
  headSeconds?: number;
}

export interface ViewerResult {
  /** Branches entered after the first segment, and how many of them were playable on arrival. */
  branches: number;
  inTime: number;
  /** Every hold: at a branch's start (its head not ready) or mid-segment (its tail late), ms. */
  holdsMs: number[];
  watchedSeconds: number;
  /** The segments played, in order. */
  path: string[];
}

type Step = { segmentId: string; optionId: string };
const TICK_MS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Plays the story once, from its start to an ending.
 *
 * @example
 * const result = await runViewer({ url, token, storyId: 'branching', branching: 2, levels: 3, seconds: 4, choiceAt: 1, seed: 1, cancel: true });
 */
export async function runViewer(o: ViewerOptions): Promise<ViewerResult> {
  const random = seededRandom(o.seed);
  const head = Math.min(o.headSeconds ?? 2, o.seconds);
  const jobs = new Map<string, string>(); // segmentId → jobId
  const call = async (method: string, path: string, body?: unknown): Promise<GenerationJob> => {
    for (;;) {
      const res = await fetch(`${o.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status === 429 || res.status === 503) {
        await sleep(200);
        continue;
      }
      const json = (await res.json()) as GenerationJob & { error?: { message: string } };
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.error)}`);
      return json;
    }
  };
  const want = async (segmentId: string, history: Step[], deadline: number): Promise<void> => {
    if (jobs.has(segmentId)) return;
    const job = await call('POST', '/api/v1/generate', { storyId: o.storyId, segmentId, history, deadline });
    jobs.set(segmentId, job.jobId);
  };
  const ready = async (segmentId: string): Promise<number> => {
    const job = await call('GET', `/api/v1/jobs/${jobs.get(segmentId)}`);
    if (job.status === 'failed' || job.status === 'cancelled') throw new Error(`${segmentId}: job ${job.status}`);
    return job.status === 'done' ? o.seconds : job.readySeconds;
  };

  const result: ViewerResult = { branches: 0, inTime: 0, holdsMs: [], watchedSeconds: 0, path: [] };
  const history: Step[] = [];
  let segment = 's';
  for (let depth = 0; ; depth++) {
    result.path.push(segment);
    await want(segment, history, 0);
    // Arrival: the head must be out, else the picture holds until it is.
    const arrived = performance.now();
    let readySeconds = await ready(segment);
    if (depth > 0) {
      result.branches++;
      if (readySeconds >= head) result.inTime++;
    }
    while (readySeconds < head) {
      await sleep(TICK_MS);
      readySeconds = await ready(segment);
    }
    if (depth > 0 && performance.now() - arrived > TICK_MS) result.holdsMs.push(performance.now() - arrived);
    const leaf = depth === o.levels;
    // What could come next: the children (due when this segment ends) and theirs.
    if (!leaf) {
      for (let i = 0; i < o.branching; i++) {
        const child = childOf(segment, i);
        await want(child, history, o.seconds);
        if (depth + 1 < o.levels)
          for (let j = 0; j < o.branching; j++)
            await want(childOf(child, j), [...history, { segmentId: segment, optionId: `o${i}` }], 2 * o.seconds);
      }
    }
    // Play it: media time advances only over what is rendered; choose when the choice opens.
    const choice = Math.floor(random() * o.branching);
    let played = 0;
    let chosen = false;
    let lastPoll = performance.now();
    let last = performance.now();
    let stalledSince: number | undefined;
    while (played < o.seconds) {
      await sleep(TICK_MS);
      const now = performance.now();
      if (now - lastPoll > 200 && readySeconds < o.seconds) {
        readySeconds = await ready(segment);
        lastPoll = now;
      }
      const canPlay = Math.min(o.seconds, readySeconds) - played;
      const step = Math.min((now - last) / 1000, canPlay);
      last = now;
      if (step <= 0) stalledSince ??= now;
      else if (stalledSince !== undefined) {
        result.holdsMs.push(now - stalledSince);
        stalledSince = undefined;
      }
      played += Math.max(0, step);
      if (!leaf && !chosen && played >= o.choiceAt) {
        chosen = true;
        if (o.cancel) await withdraw(childOf(segment, choice));
      }
    }
    result.watchedSeconds += o.seconds;
    if (leaf) break;
    history.push({ segmentId: segment, optionId: `o${choice}` });
    jobs.delete(segment);
    segment = childOf(segment, choice);
  }
  for (const jobId of jobs.values()) await call('DELETE', `/api/v1/jobs/${jobId}`).catch(() => undefined);
  return result;

  /** Withdraws every wanted branch outside `chosen` and its children. */
  async function withdraw(chosen: string): Promise<void> {
    for (const [segmentId, jobId] of [...jobs]) {
      const keep = segmentId === chosen || (segmentId.startsWith(chosen) && segmentId.length === chosen.length + 1);
      if (keep || segmentId.length < chosen.length) continue; // the segment playing now stays
      await call('DELETE', `/api/v1/jobs/${jobId}`);
      jobs.delete(segmentId);
    }
  }
}
