// The demo short (examples/lighthouse-road.json) shows what Offshoot does: it must stay a
// valid story with enough segments, choices and endings, mix pre-rendered and generated
// segments, and carry an early choice into the pictures of a later generated scene.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enumeratePaths, initialPosition, takeOption, validateStory } from '../../src/core/index.js';
import type { Position, Segment, Story } from '../../src/core/index.js';
import { composeScene, placeholdersOf, resolveSpec } from '../../src/server/generate/index.js';
import { runCli } from '../cli/runCli.js';

const FILE = 'examples/lighthouse-road.json';
const report = validateStory(readFileSync(FILE, 'utf8'), { file: FILE });
const story = report.story as Story;
const segments = Object.entries(story?.segments ?? {}) as Array<[string, Segment]>;
const prerender = (segment: Segment) => (segment as unknown as Record<string, unknown>)['x-prerender'];

/** Every position reachable from the start by choices (routes followed), with the options taken. */
function reachablePositions(): Array<{ at: Position; taken: string[] }> {
  const out: Array<{ at: Position; taken: string[] }> = [];
  const walk = (at: Position, taken: string[]) => {
    out.push({ at, taken });
    const choice = story.segments[at.segmentId]?.choice;
    for (const option of choice?.options ?? []) {
      try {
        walk(takeOption(story, at, option.id), [...taken, option.id]);
      } catch {
        // a hidden option at this position
      }
    }
    const next = story.segments[at.segmentId]?.next;
    if (typeof next === 'string')
      walk({ ...at, segmentId: next, visits: { ...at.visits, [next]: (at.visits[next] ?? 0) + 1 } }, taken);
  };
  walk(initialPosition(story), []);
  return out;
}

describe('demo short: examples/lighthouse-road.json', () => {
  it('validates with no errors and no warnings, and the CLI agrees', async () => {
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    const cli = await runCli(['validate', FILE]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('valid (0 errors, 0 warnings)');
  });

  it('has at least 8 segments, 4 choice points and 3 endings', () => {
    expect(segments.length).toBeGreaterThanOrEqual(8);
    expect(segments.filter(([, s]) => s.choice).length).toBeGreaterThanOrEqual(4);
    expect(segments.filter(([, s]) => s.end).length).toBeGreaterThanOrEqual(3);
  });

  it('mixes pre-rendered segments (media with an x-prerender spec) and generated ones', () => {
    const media = segments.filter(([, s]) => s.media);
    const generated = segments.filter(([, s]) => s.generate);
    expect(media.length).toBeGreaterThanOrEqual(2);
    expect(generated.length).toBeGreaterThanOrEqual(2);
    for (const [id, s] of media) {
      expect(s.media, id).toMatch(/^demo-media\/[\w-]+\/index\.m3u8$/);
      expect((prerender(s) as { prompt?: unknown })?.prompt, `${id} x-prerender.prompt`).toEqual(expect.any(String));
    }
    // The first segment plays without waiting for a render.
    expect(story.segments[story.start]?.media).toBeDefined();
  });

  it('reaches every ending and shows every option (enumeratePaths and offshoot paths)', async () => {
    const paths = enumeratePaths(story);
    const endings = segments.filter(([, s]) => s.end).map(([id]) => id);
    expect(paths.unreachedEndings).toEqual([]);
    expect(paths.neverShown).toEqual([]);
    expect(paths.truncated).toBe(false);
    for (const id of endings) expect(paths.endings[id], id).toBeGreaterThan(0);
    const cli = await runCli(['paths', FILE, '--json']);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).unreachedEndings).toEqual([]);
  });

  it('carries the first choice into later generated scenes: another option, another picture', () => {
    const first = story.segments[story.start]?.choice;
    expect(first).toBeDefined();
    const setFirst = new Set((first?.options ?? []).flatMap((o) => Object.keys(o.set ?? {})));
    const fed = segments.filter(([, s]) => s.generate && placeholdersOf(s.generate).some((v) => setFirst.has(v)));
    expect(fed.length, 'generated segments whose spec reads a variable the first choice sets').toBeGreaterThanOrEqual(
      2,
    );
    // For each such segment, the viewers who picked different first options see different
    // characters (kind and colour), not only a different prompt.
    for (const [id, segment] of fed) {
      const looks = new Set<string>();
      for (const { at, taken } of reachablePositions()) {
        if (at.segmentId !== id || !segment.generate) continue;
        const spec = resolveSpec(segment.generate, at.vars);
        const scene = composeScene(spec, at.vars, { durationSeconds: segment.duration, specIsResolved: true });
        looks.add(`${taken[0]}:${scene.characters.map((c) => `${c.kind}/${c.color}`).join(',')}`);
      }
      const byFirst = new Map([...looks].map((l) => [l.split(':')[0], l.split(':')[1]]));
      expect(byFirst.size, `${id}: reached after more than one first option`).toBeGreaterThanOrEqual(2);
      expect(
        new Set(byFirst.values()).size,
        `${id}: a different figure per first option (${[...looks].join('; ')})`,
      ).toBe(byFirst.size);
    }
  });
});
