import { describe, expect, it } from 'vitest';
import type { GenerationJob } from '../../../src/core/index.js';
import type { GenerationApi } from '../../../src/player/generation/GenerationApi.js';
import { GenerationError } from '../../../src/player/generation/GenerationError.js';
import { watchJob } from '../../../src/player/generation/watchJob.js';

// A backend that goes away while a job is watched: its event stream cannot be opened and
// polls fail with network errors for a while (each after the API's own retries), then it
// answers again. Only the transport is scripted; watchJob's reconnect logic is real.
function downFor(failures: number, final: Partial<GenerationJob> = {}): { api: GenerationApi; polls: () => number } {
  let polls = 0;
  const job = {
    jobId: 'j1',
    status: 'done',
    readySeconds: 3,
    durationSeconds: 3,
    progress: 1,
    playlistUrl: '/store/x/index.m3u8',
    ...final,
  } as GenerationJob;
  const api = {
    events: () => Promise.reject(new GenerationError('network', 'GET /api/v1/jobs/j1/events: connection refused')),
    job: () =>
      ++polls <= failures
        ? Promise.reject(new GenerationError('network', 'GET /api/v1/jobs/j1: connection refused'))
        : Promise.resolve(job),
  } as unknown as GenerationApi;
  return { api, polls: () => polls };
}

describe('watchJob while the backend is unreachable', () => {
  it('keeps polling through network failures and follows the job once the backend answers', async () => {
    const { api, polls } = downFor(4);
    const seen: string[] = [];
    const final = await watchJob(api, 'j1', (j) => seen.push(j.status), new AbortController().signal, {
      pollMs: 1,
      reconnectMs: 10_000,
    });
    expect(final.status).toBe('done');
    expect(polls()).toBe(5);
    expect(seen).toEqual(['done']);
  });

  it('gives up with the network error once failures outlast reconnectMs', async () => {
    const { api } = downFor(Infinity);
    await expect(
      watchJob(api, 'j1', () => {}, new AbortController().signal, { pollMs: 5, reconnectMs: 50 }),
    ).rejects.toMatchObject({ code: 'network' });
  });

  it('does not retry what a returning backend would answer the same (404: the job is gone)', async () => {
    let polls = 0;
    const api = {
      events: () => Promise.reject(new GenerationError('network', 'refused')),
      job: () => {
        polls++;
        return Promise.reject(new GenerationError('not-found', 'GET /api/v1/jobs/j1: no such job (HTTP 404)', 404));
      },
    } as unknown as GenerationApi;
    await expect(
      watchJob(api, 'j1', () => {}, new AbortController().signal, { pollMs: 1, reconnectMs: 10_000 }),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(polls).toBe(1);
  });
});
