// The generation client against the project's own backend (startServer: real API, auth, rate
// limit, history replay, in-process queue, store, SSE). Only the renderer is a stand-in: it
// writes a valid playlist and reports one 1 s segment per `stepMs`, so timing is controlled
// and no ffmpeg is needed. The renderer's own contract is tested in test/server.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialPosition } from '../../../src/core/rules/index.js';
import type { Generator } from '../../../src/server/index.js';
import { signViewerToken, startServer } from '../../../src/server/index.js';
import type { RunningServer } from '../../../src/server/index.js';
import type { GenerationClient } from '../../../src/player/generation/GenerationClient.js';
import { createGenerationClient } from '../../../src/player/generation/GenerationClient.js';
import { forkStory } from './fixtureStory.js';

const SECRET = 'lookahead-test-secret-0123456789';
const started: string[] = [];
const aborted: string[] = [];

function pacedGenerator(stepMs: number): Generator {
  return {
    id: 'paced-test',
    version: '1',
    async render(job, hooks, signal) {
      started.push(job.spec.prompt);
      const segments = Math.ceil(job.durationSeconds / job.segmentSeconds);
      let playlist = '#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:1\n';
      for (let i = 0; i < segments; i++) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, stepMs);
          signal.addEventListener('abort', () => (clearTimeout(timer), reject(new Error('aborted'))), { once: true });
        }).catch((error: Error) => {
          aborted.push(job.spec.prompt);
          throw error;
        });
        playlist += `#EXTINF:1.0,\nseg${i}.m4s\n`;
        await writeFile(join(job.outDir, `seg${i}.m4s`), Buffer.alloc(16, i));
        await writeFile(join(job.outDir, 'index.m3u8'), playlist);
        hooks.onProgress((i + 1) / segments);
        hooks.onSegment(Math.min(job.durationSeconds, (i + 1) * job.segmentSeconds));
      }
      await writeFile(join(job.outDir, 'index.m3u8'), `${playlist}#EXT-X-ENDLIST\n`);
      return { playlist: 'index.m3u8', frames: segments * 30, elapsedMs: segments * stepMs, path: 'test' };
    },
  };
}

let server: RunningServer;
let store: string;
let client: GenerationClient | undefined;
const token = (sub: string) =>
  signViewerToken({ sub, story: 'fork', exp: Math.floor(Date.now() / 1000) + 600 }, SECRET);

beforeEach(async () => {
  started.length = 0;
  aborted.length = 0;
  store = await mkdtemp(join(tmpdir(), 'offshoot-lookahead-'));
  const story = forkStory();
  server = await startServer({
    generator: pacedGenerator(100),
    port: 0,
    stories: [{ story, file: join(store, 'fork.json'), dir: store }],
    store: join(store, 'store'),
    secret: SECRET,
    workers: 2,
    heartbeatMs: 1000,
    log: () => undefined,
  });
});
afterEach(async () => {
  client?.destroy();
  client = undefined;
  await server.close();
  await rm(store, { recursive: true, force: true });
});

describe('generation client against the real backend', () => {
  it('the backend accepts every lookahead request (history + path), streams progress, and a choice cancels the other branch', async () => {
    const story = forkStory();
    const failed: string[] = [];
    client = createGenerationClient({
      baseUrl: server.url,
      token: token('viewer-1'),
      maxInFlight: 6,
      leadFactor: Infinity,
    });
    client.on('failed', (e) => failed.push(`${e.segmentId}: ${e.code} ${e.message}`));
    const ready: string[] = [];
    client.on('ready', (e) => ready.push(e.segmentId));
    client.plan(story, initialPosition(story), []);
    // Depth-2 candidates, each replayed by the backend from its own history: none refused.
    const left = await client.whenPlayable('left', 2);
    expect(left.playlistUrl).toMatch(new RegExp(`^${server.url}/store/[0-9a-f]+/index\\.m3u8$`));
    const playlist = await (await fetch(left.playlistUrl)).text();
    expect(playlist).toContain('#EXTINF:1.0,');
    expect(failed).toEqual([]);

    client.commit([{ segmentId: 'intro', optionId: 'left' }]);
    // right, r1, r2 are unreachable now: the backend aborts their renders (nobody else wants them).
    const whole = await client.whenPlayable('left', 6);
    expect(whole.readySeconds).toBe(6);
    await expect.poll(() => client?.stats().cancelled, { timeout: 5000 }).toBeGreaterThanOrEqual(2); // r1 and r2 at least: both still rendering or queued
    await expect.poll(() => client?.status('l1').done, { timeout: 10_000 }).toBe(true);
    // Not wanted any more: nothing of it queued or in flight. (On a loaded machine it may
    // have finished before the choice: 6 segments at 100 ms each. 'done' is as right as 'idle'.)
    expect(['idle', 'done']).toContain(client.status('right').state);
    expect(failed).toEqual([]);
    expect(ready).toContain('l1');
  });

  it("a forged token fails with the backend's own code, and nothing renders", async () => {
    const story = forkStory();
    client = createGenerationClient({ baseUrl: server.url, token: 'ofs1.nope.nope' });
    const failed: string[] = [];
    client.on('failed', (e) => failed.push(e.code));
    client.plan(story, initialPosition(story), []);
    const error = await client.whenPlayable('left').catch((e: { code: string }) => e.code);
    expect(error).toMatch(/^token-/);
    expect(failed.length).toBeGreaterThan(0);
    expect(started).toEqual([]);
  });
});
