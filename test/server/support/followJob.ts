// The page's side of a generation job the player started: the browser tests of the backend ask
// for the same segment as the same viewer (which joins the player's job rather than starting
// one), then watch that job until it is done, to tell what the player read while it rendered.
import { expect } from 'vitest';
import type { GenerationJob } from '../../../src/core/index.js';

/**
 * Joins the job for `segmentId` (no history) of `storyId` at the API `url`: its key, id, status.
 *
 * @example
 * const { key } = await joinJob(url, token, story, 'intro');
 */
export async function joinJob(url: string, token: string, storyId: string, segmentId: string): Promise<GenerationJob> {
  const asked = await fetch(`${url}/api/v1/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ storyId, segmentId, history: [] }),
  });
  return (await asked.json()) as GenerationJob;
}

/**
 * Polls job `id` every 100 ms until it is done; each poll must find it queued or running, and
 * `whileRunning` sees it then. Resolves with when the last poll that found it running was sent
 * (performance.now()): whatever the player had read by then came from the render in progress.
 *
 * @example
 * const runningUntil = await runningUntilDone(url, job.jobId);
 */
export async function runningUntilDone(
  url: string,
  id: string,
  whileRunning: (job: GenerationJob) => void | Promise<void> = () => {},
): Promise<number> {
  let runningUntil = 0;
  for (;;) {
    const sent = performance.now();
    const job = (await (await fetch(`${url}/api/v1/jobs/${id}`)).json()) as GenerationJob;
    if (job.status === 'done') return runningUntil;
    expect(job.status, JSON.stringify(job)).toMatch(/^(queued|running)$/);
    runningUntil = sent;
    await whileRunning(job);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
