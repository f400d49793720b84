import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/CliIO.js';
import type { GenerationJob } from '../../src/core/index.js';
import { verifyViewerToken } from '../../src/server/index.js';
import { makeStoriesDir } from './support/caveStory.js';
import { httpRequest, postJson, readSse } from './support/httpRequest.js';
import { spawnServe } from './support/spawnServe.js';
import type { ServeProcess } from './support/spawnServe.js';

const SECRET = 'cli-secret-0123456789abcdef';

function recordingIO(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    errIsTTY: false,
    exitCode: 0,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

describe('offshoot token', () => {
  it('warns when --ttl is longer than a backend accepts by default, and the default check refuses that token', async () => {
    const io = recordingIO();
    expect(await main(['token', '--secret', SECRET, '--viewer', 'v-2', '--ttl', String(2 * 86_400)], io)).toBe(0);
    expect(io.stderr).toMatch(/warning: --ttl 172800 is longer than a backend accepts by default \(86400 s\)/);
    const token = io.stdout.trim();
    expect(() => verifyViewerToken(token, SECRET, Date.now() / 1000, {})).toThrow(/Token lives 172800 s/);
    expect(verifyViewerToken(token, SECRET, Date.now() / 1000, { maxLifetimeSeconds: 3 * 86_400 })).toMatchObject({
      sub: 'v-2',
    });
  });

  it('prints a token the server accepts, scoped and expiring', async () => {
    const io = recordingIO();
    expect(await main(['token', '--secret', SECRET, '--viewer', 'v-1', '--story', 'cave', '--ttl', '60'], io)).toBe(0);
    const claims = verifyViewerToken(io.stdout.trim(), SECRET);
    expect(claims).toMatchObject({ sub: 'v-1', story: 'cave' });
    expect(claims.exp - Date.now() / 1000).toBeGreaterThan(55);
    expect(() => verifyViewerToken(io.stdout.trim(), 'another-secret-0123456789')).toThrow(/signature/);
    expect(claims.exp - (claims.iat ?? 0)).toBe(60);
    expect(io.stderr).toBe('');
    const bad = recordingIO();
    expect(await main(['token', '--secret', 'short', '--viewer', 'v'], bad)).toBe(2);
    expect(bad.stderr).toMatch(/at least 16/);
  });
});

describe('offshoot serve', () => {
  it('serves the API with the procedural generator and shuts down on SIGTERM', async () => {
    const stories = await makeStoriesDir();
    const store = await mkdtemp(join(tmpdir(), 'offshoot-cli-store-'));
    let serve: ServeProcess | undefined;
    try {
      serve = await spawnServe(['--port', '0', '--stories', stories, '--store', store, '--secret', SECRET]);
      const { child, url } = serve;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await httpRequest(url, '/healthz')).json()).toMatchObject({
        ok: true,
        generator: expect.stringMatching(/^procedural@/),
      });
      const io = recordingIO();
      await main(['token', '--secret', SECRET, '--viewer', 'cli', '--story', 'cave'], io);
      const job = (
        await postJson(url, '/api/v1/generate', { storyId: 'cave', segmentId: 'intro', history: [] }, io.stdout.trim())
      ).json() as GenerationJob;
      const sse = await readSse(url, `/api/v1/jobs/${job.jobId}/events`, 40_000);
      expect(sse.events.at(-1)?.event, serve.stderr).toBe('done');
      const master = await httpRequest(url, job.playlistUrl);
      expect(master.text).toContain('#EXT-X-STREAM-INF');
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(serve.stderr).toContain('render');
    } finally {
      serve?.child.kill('SIGKILL');
      await rm(stories, { recursive: true, force: true });
      await rm(store, { recursive: true, force: true });
    }
  }, 60_000);

  it('applies --max-token-lifetime, --rate-limit/--rate-burst, --renditions and --encoder', async () => {
    const stories = await makeStoriesDir();
    const store = await mkdtemp(join(tmpdir(), 'offshoot-cli-store-'));
    let serve: ServeProcess | undefined;
    try {
      serve = await spawnServe([
        ...['--port', '0', '--stories', stories, '--store', store, '--secret', SECRET],
        ...['--max-token-lifetime', String(3 * 86_400), '--rate-limit', '0.01', '--rate-burst', '3'],
        ...['--renditions', '360p,720p', '--encoder', 'libx264'],
      ]);
      const io = recordingIO();
      // Two days: refused by the default cap, accepted under the raised one.
      await main(
        ['token', '--secret', SECRET, '--viewer', 'flags', '--story', 'cave', '--ttl', String(2 * 86_400)],
        io,
      );
      const token = io.stdout.trim();
      const ask = () =>
        postJson(serve!.url, '/api/v1/generate', { storyId: 'cave', segmentId: 'intro', history: [] }, token);
      const first = await ask();
      expect(first.status, first.text).toBe(202);
      const job = first.json() as GenerationJob;
      // The ladder: the master playlist lists both renditions once the head is playable.
      await readSse(serve.url, `/api/v1/jobs/${job.jobId}/events`, 40_000);
      const master = await httpRequest(serve.url, job.playlistUrl);
      expect(master.text.match(/#EXT-X-STREAM-INF/g)).toHaveLength(2);
      expect(master.text).toMatch(/RESOLUTION=1280x720/);
      // Burst 3, then 0.01 per second: the fourth request within a second is refused.
      await ask();
      await ask();
      const limited = await ask();
      expect(limited.status).toBe(429);
      expect((limited.json() as { error: { code: string } }).error.code).toBe('rate-limited');
    } finally {
      serve?.child.kill('SIGKILL');
      await rm(stories, { recursive: true, force: true });
      await rm(store, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a rendition it does not know, naming the ones it does', async () => {
    const io = recordingIO();
    expect(await main(['serve', '--renditions', '360p,1080p', '--secret', SECRET], io)).toBe(2);
    expect(io.stderr).toMatch(/unknown rendition 1080p: use 360p, 720p/);
  });
});
