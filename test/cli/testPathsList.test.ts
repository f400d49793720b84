// The parts of `offshoot test-paths` that need no browser: which paths it plays, how it
// judges what a page saw, how it prints, and how it refuses bad usage.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyRun } from '../../src/cli/pathRunner/classifyRun.js';
import { formatPathTable } from '../../src/cli/pathRunner/formatPathTable.js';
import { listPaths } from '../../src/cli/pathRunner/listPaths.js';
import type { PathRun } from '../../src/cli/pathRunner/runPath.js';
import type { PageRun } from '../../src/cli/pathRunner/runnerPage.js';
import { enumeratePaths } from '../../src/core/paths/enumeratePaths.js';
import type { Story } from '../../src/core/story/Story.js';
import { validateStory } from '../../src/core/validate/validateStory.js';
import { runCli } from './runCli.js';

const load = (file: string): Story => validateStory(readFileSync(file, 'utf8'), { file }).story!;
const route = (steps: Array<{ segmentId: string; optionId?: string }>) =>
  steps.map((s) => (s.optionId ? `${s.segmentId}[${s.optionId}]` : s.segmentId)).join(' ');

describe('listPaths', () => {
  it('lists the playthroughs `offshoot paths` counts, with route hops and hidden options respected', () => {
    const story = load('examples/night-walk.json');
    const { paths, truncated } = listPaths(story);
    expect(truncated).toBe(false);
    expect(paths.length).toBe(enumeratePaths(story).playthroughs);
    // Walking in the dark hides "home" at the forest: no path takes it after "dark".
    expect(paths.map((p) => route(p.steps))).toEqual([
      'intro[lantern] lantern forest[home] home',
      'intro[lantern] lantern forest[deeper] lost',
      'intro[dark] dark forest[deeper] lost',
    ]);
    expect(paths.map((p) => [p.ending, p.mediaSeconds])).toEqual([
      ['home', 18],
      ['lost', 18],
      ['lost', 18],
    ]);
  });

  it('agrees with enumeratePaths on a generated story', () => {
    const story = load('examples/generated-lantern.json');
    expect(listPaths(story).paths.length).toBe(enumeratePaths(story).playthroughs);
  });

  it('lists shortest paths first and says when a cap cut the list', () => {
    const story = load('examples/three-doors.json');
    const { paths, truncated } = listPaths(story, { maxPaths: 5 });
    expect(paths).toHaveLength(5);
    expect(truncated).toBe(true);
    const choices = paths.map((p) => p.steps.filter((s) => s.optionId).length);
    expect(choices).toEqual([...choices].sort((a, b) => a - b));
    // Routes on visit counts: the second visit to "blue" leads to the garden.
    expect(route(paths[0]!.steps)).toBe('hall[blue] blue library[leave] hall[blue] blue garden[wander] lost');
  });
});

const page = (over: Partial<PageRun>): PageRun => ({
  reason: 'ended',
  segments: ['a', 'b'],
  choices: [],
  errors: [],
  waits: [],
  misses: [],
  ended: 'b',
  stats: null,
  elapsedMs: 6000,
  rate: 1,
  ...over,
});
const run = (over: Partial<PageRun>, extra: Partial<PathRun> = {}): PathRun => ({
  page: page(over),
  mediaFailures: [],
  backendFailures: [],
  wallMs: 7000,
  ...extra,
});

describe('classifyRun', () => {
  const story = load('test/fixtures/stories/branch-tests/missing-media.json');
  const toB = { steps: [{ segmentId: 'a', optionId: 'b' }, { segmentId: 'b' }], ending: 'b', mediaSeconds: 6 };
  const toGap = { steps: [{ segmentId: 'a', optionId: 'gap' }, { segmentId: 'gap' }], ending: 'gap', mediaSeconds: 6 };
  const gap404 = { mediaFailures: [{ url: 'media/nowhere/index.m3u8', status: 404 }] };
  const options = { story, maxStallMs: 1000 };

  it('passes a path that played its segments in order', () => {
    expect(classifyRun(1, toB, run({}), options)).toMatchObject({ ok: true, failures: [], played: ['a', 'b'] });
  });

  it('blames a 404 on the path that plays that segment, not on one that only prefetched it', () => {
    expect(classifyRun(1, toB, run({}, gap404), options).ok).toBe(true);
    const failed = classifyRun(
      2,
      toGap,
      run(
        { segments: ['a'], errors: [{ code: 'segment-failed', message: 'x', fatal: false, segmentId: 'gap' }] },
        gap404,
      ),
      options,
    );
    expect(failed.failures).toEqual([
      {
        kind: 'missing-media',
        message: 'media/nowhere/index.m3u8: HTTP 404 (segment "gap")',
        url: 'media/nowhere/index.m3u8',
        segmentId: 'gap',
      },
    ]);
  });

  it('reports other segments than expected, a long wait, and a timeout', () => {
    expect(classifyRun(1, toGap, run({ segments: ['a', 'b'] }), options).failures).toEqual([
      { kind: 'wrong-order', message: 'segment 2: expected "gap", the player played "b"', segmentId: 'b' },
    ]);
    expect(
      classifyRun(
        1,
        toB,
        run({
          waits: [
            { segmentId: 'b', ms: 1500 },
            { segmentId: 'a', ms: 100 },
          ],
        }),
        options,
      ).failures[0],
    ).toMatchObject({ kind: 'stall', segmentId: 'b' });
    expect(classifyRun(1, toB, run({ reason: 'timeout', segments: ['a'], ended: null }), options).failures).toEqual([
      { kind: 'timeout', message: 'still in "a" when time ran out', segmentId: 'a' },
    ]);
  });
});

describe('formatPathTable', () => {
  it('prints a row per path, the reason under a failed one, and counts per kind', () => {
    const story = load('test/fixtures/stories/branch-tests/missing-media.json');
    const { paths } = listPaths(story);
    const results = [
      classifyRun(1, paths[0]!, run({}), { story, maxStallMs: 1000 }),
      classifyRun(
        2,
        paths[1]!,
        run({ segments: ['a'] }, { mediaFailures: [{ url: 'media/nowhere/index.m3u8', status: 404 }] }),
        { story, maxStallMs: 1000 },
      ),
    ];
    const text = formatPathTable('m.json', paths, results, false);
    expect(text).toMatch(/^\s+1\s+pass\s+7\.0 s\s+6\.0 s\s+a\[b\] → b$/m);
    expect(text).toMatch(/^\s+2\s+FAIL\s.*a\[gap\] → gap\n\s+missing-media: media\/nowhere\/index\.m3u8: HTTP 404/m);
    expect(text).toMatch(/1 passed, 1 failed \(missing-media 1\)\n$/);
  });
});

describe('offshoot test-paths usage', () => {
  it('exits 2 and says to build when the player bundle is missing', async () => {
    const { code, stderr } = await runCli([
      'test-paths',
      'examples/night-walk.json',
      '--bundle',
      'dist/no-such-bundle.js',
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/dist\/no-such-bundle\.js is missing: run `npm run build`/);
  });

  it('exits 2 on a bad --backend, --speed or --mount', async () => {
    expect((await runCli(['test-paths', 'examples/night-walk.json', '--backend', 'ftp://x'])).stderr).toMatch(
      /--backend must be auto, none or an http\(s\) URL/,
    );
    expect((await runCli(['test-paths', 'examples/night-walk.json', '--speed', '0'])).code).toBe(2);
    const mount = await runCli(['test-paths', 'examples/night-walk.json', '--mount', 'media=no/such/dir']);
    expect(mount.code).toBe(2);
    expect(mount.stderr).toMatch(/--mount media=no\/such\/dir: no such folder/);
  });

  it('exits 1 on an invalid story, before starting any browser', async () => {
    const { code, stderr } = await runCli(['test-paths', 'test/fixtures/stories/invalid/bad-route.json']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad-route\.json: invalid story; run `offshoot validate/);
  });
});
