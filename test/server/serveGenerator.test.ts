// `offshoot serve --generator http`: the CLI puts a model server behind the generation API.
// A real local HTTP "model server" answers with a real ffmpeg-made MP4 (held until the test
// lets it go); the CLI runs in its own process; the job must end as HLS in the store.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/CliIO.js';
import type { GenerationJob } from '../../src/core/index.js';
import type { HttpGenerateRequest } from '../../src/server/generate/index.js';
import { signViewerToken } from '../../src/server/index.js';
import { makeStoriesDir } from './support/caveStory.js';
import { httpRequest, postJson, readSse } from './support/httpRequest.js';
import { spawnServe } from './support/spawnServe.js';
import type { ServeProcess } from './support/spawnServe.js';
import { waitFor } from './support/startTestServer.js';

const SECRET = 'serve-generator-secret-0123456789';

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

let root = '';
let model: Server;
let modelUrl = '';
let mp4: Buffer;
const received: Array<{ url: string; headers: IncomingHttpHeaders; body: HttpGenerateRequest }> = [];
/** Replies held until the test calls them. */
const held: Array<() => void> = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'offshoot-serve-gen-'));
  // What a model's own encoder might send: B-frames, sparse keyframes, 25 fps, another size.
  const file = join(root, 'model.mp4');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=400x240:rate=25',
    '-t',
    '2',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-bf',
    '3',
    '-g',
    '250',
    '-pix_fmt',
    'yuv420p',
    file,
  ]);
  mp4 = await readFile(file);
  model = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(body) as HttpGenerateRequest });
      held.push(() => res.writeHead(200, { 'content-type': 'video/mp4' }).end(mp4));
    });
  });
  await new Promise<void>((r) => model.listen(0, '127.0.0.1', r));
  modelUrl = `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1/generate`;
});
afterAll(async () => {
  model.closeAllConnections();
  await new Promise((r) => model.close(r));
  await rm(root, { recursive: true, force: true });
});

describe('offshoot serve --generator http', () => {
  it('renders a job through the model server into HLS, with its headers, and caps unfinished wants per viewer', async () => {
    const stories = await makeStoriesDir();
    const store = join(root, 'store');
    const args = [
      '--port',
      '0',
      '--stories',
      stories,
      '--store',
      store,
      '--secret',
      SECRET,
      '--generator',
      'http',
      '--generator-url',
      modelUrl,
      '--generator-version',
      'test-model-1',
      '--generator-header',
      'X-Model-Key: k-123',
      '--generator-header',
      'X-Tenant: offshoot',
      '--generator-timeout',
      '120',
      '--max-wants-per-viewer',
      '1',
    ];
    let serve: ServeProcess | undefined;
    try {
      serve = await spawnServe(args);
      const { child, url } = serve;
      expect((await httpRequest(url, '/healthz')).json()).toMatchObject({ ok: true, generator: 'http@test-model-1' });
      const token = signViewerToken(
        { sub: 'viewer-1', story: 'cave', exp: Math.floor(Date.now() / 1000) + 600 },
        SECRET,
      );

      const first = await postJson(
        url,
        '/api/v1/generate',
        { storyId: 'cave', segmentId: 'intro', history: [] },
        token,
      );
      expect(first.status).toBe(202);
      const job = first.json() as GenerationJob;
      await waitFor(() => received.length === 1 || undefined, 10_000, 'the model server to be asked');
      expect(received[0]?.url).toBe('/v1/generate');
      expect(received[0]?.headers).toMatchObject({
        'x-model-key': 'k-123',
        'x-tenant': 'offshoot',
        'content-type': 'application/json',
      });
      expect(received[0]?.body).toMatchObject({
        key: job.key,
        spec: { prompt: 'a lamp in a cave' },
        durationSeconds: 2,
        fps: 30,
      });

      // --max-wants-per-viewer 1: while intro is at the model server, a second want is refused and never reaches it.
      const second = await postJson(
        url,
        '/api/v1/generate',
        { storyId: 'cave', segmentId: 'left', history: [{ segmentId: 'intro', optionId: 'left' }] },
        token,
      );
      expect(second.status).toBe(429);
      expect(second.json()).toMatchObject({ error: { code: 'too-many-wants', cap: 1 } });
      expect(second.headers['retry-after']).toBeTruthy();

      const events = readSse(url, `/api/v1/jobs/${job.jobId}/events`, 60_000);
      held.shift()?.();
      const sse = await events;
      expect(sse.events.at(-1)?.event, serve.stderr).toBe('done');
      const master = await httpRequest(url, job.playlistUrl);
      expect(master.status).toBe(200);
      expect(master.text).toContain('#EXT-X-STREAM-INF');
      const variant = master.text.split('\n').find((l) => l.endsWith('.m3u8')) as string;
      const media = await httpRequest(url, `/store/${job.key}/${variant}`);
      expect(media.text).toContain('#EXT-X-ENDLIST');
      const segments = media.text.split('\n').filter((l) => l.endsWith('.m4s'));
      expect(segments.length).toBeGreaterThanOrEqual(2);
      const seg = await httpRequest(url, `/store/${job.key}/${segments[0]}`);
      expect(seg.status).toBe(200);
      expect(seg.headers['content-type']).toBe('video/iso.segment');
      expect(serve.stderr).toMatch(/render \w+ done: 60 frames .* via http\+/);

      // The finished job freed the viewer's slot.
      expect(
        (
          await postJson(
            url,
            '/api/v1/generate',
            { storyId: 'cave', segmentId: 'left', history: [{ segmentId: 'intro', optionId: 'left' }] },
            token,
          )
        ).status,
      ).toBe(202);

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      serve?.child.kill('SIGKILL');
      for (const reply of held.splice(0)) reply();
      await rm(stories, { recursive: true, force: true });
    }
  }, 90_000);

  it('refuses bad generator flag combinations with exit code 2 and says why', async () => {
    const base = ['serve', '--port', '0', '--secret', SECRET];
    const cases: Array<[string[], RegExp]> = [
      [['--generator', 'http'], /--generator http needs --generator-url/],
      [['--generator', 'http', '--generator-url', modelUrl], /needs --generator-version/],
      [['--generator', 'http', '--generator-url', 'not a url', '--generator-version', '1'], /is not a URL/],
      [
        ['--generator', 'http', '--generator-url', 'file:///tmp/x', '--generator-version', '1'],
        /must be http:\/\/ or https:\/\//,
      ],
      [['--generator-url', modelUrl], /--generator-url only applies with --generator http/],
      [
        ['--generator', 'procedural', '--generator-version', '2', '--generator-header', 'A: b'],
        /--generator-version, --generator-header only apply with --generator http/,
      ],
      [['--generator', 'sdxl'], /must be one of procedural, http/],
      [
        ['--generator', 'http', '--generator-url', modelUrl, '--generator-version', '1', '--renderer', 'browser'],
        /--renderer only applies with --generator procedural/,
      ],
      [
        [
          '--generator',
          'http',
          '--generator-url',
          modelUrl,
          '--generator-version',
          '1',
          '--generator-header',
          'no colon',
        ],
        /"Name: value"/,
      ],
      [
        ['--generator', 'http', '--generator-url', modelUrl, '--generator-version', '1', '--generator-timeout', '0'],
        /seconds above 0/,
      ],
      [['--max-wants-per-viewer', '0'], /at least 1/],
      [['--max-wants-per-viewer', '2.5'], /at least 1/],
    ];
    for (const [flags, message] of cases) {
      const io = recordingIO();
      expect(await main([...base, ...flags], io), flags.join(' ')).toBe(2);
      expect(io.stderr, flags.join(' ')).toMatch(message);
    }
  });
});
