// `offshoot test-paths` end to end: real chromium (playwright-core, Debian's binary), the
// built player bundle, real HLS from test/media over real HTTP, and a real generation
// backend for the failure case. Slow by nature (each path plays in real time: 5–6 s of
// media here), so the stories are two paths of two short clips each.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PathResult } from '../../src/cli/pathRunner/classifyRun.js';
import { signViewerToken } from '../../src/server/auth/ViewerToken.js';
import { createProceduralGenerator } from '../../src/server/generate/procedural/createProceduralGenerator.js';
import type { RunningServer } from '../../src/server/startServer.js';
import { startServer } from '../../src/server/startServer.js';
import { runCli } from './runCli.js';

const FIXTURES = 'test/fixtures/stories/branch-tests';
// Stalls are measured and reported, but a loaded CI machine can freeze a picture for a
// moment on any path: these tests are about which path fails and why, so the stall bar is high.
const COMMON = ['--mount', 'media=test/media', '--max-stall-ms', '20000', '--json'];
const SLOW = 240_000;

interface Report {
  story: string;
  passed: number;
  failed: number;
  paths: Array<
    PathResult & {
      steps: Array<{ segmentId: string; optionId?: string }>;
      media: Array<{ code: string; segment: string; url: string }>;
    }
  >;
}

describe('offshoot test-paths', () => {
  it(
    'passes every path of a story whose media is all there (exit 0)',
    async () => {
      const { code, stdout, stderr } = await runCli(['test-paths', `${FIXTURES}/good.json`, ...COMMON]);
      expect(stderr).toMatch(/path 1\/2 .*pass/);
      const report = JSON.parse(stdout) as Report;
      expect(report.paths.map((p) => [p.index, p.ok, p.played])).toEqual([
        [1, true, ['a', 'b']],
        [2, true, ['a', 'c']],
      ]);
      expect(report.paths[1]!.steps).toEqual([{ segmentId: 'a', optionId: 'c' }, { segmentId: 'c' }]);
      expect(code).toBe(0);
    },
    SLOW,
  );

  it(
    'fails exactly the path whose segment has no media, naming the URL (exit 1)',
    async () => {
      const { code, stdout } = await runCli(['test-paths', `${FIXTURES}/missing-media.json`, ...COMMON]);
      const report = JSON.parse(stdout) as Report;
      expect(report).toMatchObject({ passed: 1, failed: 1 });
      const [toB, toGap] = report.paths;
      // The player prefetches the gap's playlist on the way to b too: that 404 is not b's.
      expect(toB).toMatchObject({ ok: true, failures: [] });
      expect(toGap!.ok).toBe(false);
      expect(toGap!.failures[0]).toMatchObject({
        kind: 'missing-media',
        url: 'media/nowhere/index.m3u8',
        segmentId: 'gap',
      });
      expect(toGap!.failures[0]!.message).toContain('HTTP 404');
      // The media check saw it before playing, on that path only.
      expect(toB!.media).toEqual([]);
      expect(toGap!.media).toEqual([expect.objectContaining({ code: 'playlist-load-failed', segment: 'gap' })]);
      expect(toGap!.media[0]!.url).toMatch(/\/media\/nowhere\/index\.m3u8$/);
      expect(code).toBe(1);
    },
    SLOW,
  );

  describe('with a backend that cannot make the generated branch', () => {
    const secret = randomBytes(24).toString('base64url');
    const generator = createProceduralGenerator({ renderer: 'cpu' });
    let server: RunningServer;
    beforeAll(async () => {
      // A real backend that does not have this story: every generate request is a 404 `unknown-story`.
      server = await startServer({
        generator,
        port: 0,
        stories: [],
        store: mkdtempSync(join(tmpdir(), 'offshoot-tp-store-')),
        secret,
        log: () => undefined,
      });
    });
    afterAll(async () => {
      await server?.close();
      await generator.close();
    });

    it(
      "fails the generated path as a generation failure with the backend's code",
      async () => {
        const token = signViewerToken(
          { sub: 'tp-test', story: 'branch-tests-generation-failure', exp: Math.floor(Date.now() / 1000) + 3600 },
          secret,
        );
        const { code, stdout } = await runCli([
          'test-paths',
          `${FIXTURES}/generation-failure.json`,
          ...COMMON,
          '--backend',
          server.url,
          '--token',
          token,
          '--timeout',
          '60',
        ]);
        const report = JSON.parse(stdout) as Report;
        const [toB, toDream] = report.paths;
        expect(toB).toMatchObject({ ok: true });
        expect(toDream!.ok).toBe(false);
        expect(toDream!.failures[0]).toMatchObject({
          kind: 'generation-failed',
          segmentId: 'dream',
          code: 'unknown-story',
        });
        expect(code).toBe(1);
      },
      SLOW,
    );
  });
});
