import { afterEach, beforeEach, expect, it } from 'vitest';
import { initialPosition } from '../../../src/core/rules/index.js';
import type { GenerationClient, GenerationEvents } from '../../../src/player/generation/GenerationClient.js';
import { createGenerationClient } from '../../../src/player/generation/GenerationClient.js';
import { forkStory } from '../generation/fixtureStory.js';
import type { ScriptedBackend } from '../generation/scriptedBackend.js';
import { startScriptedBackend } from '../generation/scriptedBackend.js';

// A backend process that restarts mid-render (in-process queue): the job's event stream is
// cut and the job is gone (404). The client asks for the segment once more instead of
// failing the branch.
let backend: ScriptedBackend;
let client: GenerationClient | undefined;
beforeEach(async () => {
  backend = await startScriptedBackend();
});
afterEach(async () => {
  client?.destroy();
  await backend.close();
});

it('a job the restarted backend no longer knows is asked for again, and its branch becomes playable', async () => {
  const story = forkStory();
  client = createGenerationClient({
    baseUrl: backend.url,
    token: 'tok',
    retry: { baseMs: 20, maxMs: 200 },
    random: () => 1,
    pollMs: 20,
    maxInFlight: 1,
    leadFactor: Infinity,
  });
  const failed: Array<GenerationEvents['failed']> = [];
  client.on('failed', (e) => failed.push(e));
  // The first event stream: the backend dies under it and comes back without its jobs.
  backend.events.push((_req, res) => {
    backend.jobs.clear();
    res.destroy();
    return true;
  });
  client.plan(story, initialPosition(story), [], 0);
  const playable = client.whenPlayable('left', 2);
  const posts = () =>
    backend.log.filter((r) => r.method === 'POST' && (r.body as { segmentId: string }).segmentId === 'left');
  await backend.until(
    () => posts().length === 2 && backend.openStreams() === 1,
    'the segment asked for again, its new stream open',
  );
  // The cut stream was asked for again and found the job gone (404), before the new POST.
  expect(backend.log.filter((r) => r.path === '/api/v1/jobs/job-left/events').length).toBeGreaterThanOrEqual(2);
  backend.push('job-left', { status: 'done', progress: 1, readySeconds: 6 });
  await expect(playable).resolves.toMatchObject({ segmentId: 'left', readySeconds: 6 });
  expect(failed).toEqual([]);
});
