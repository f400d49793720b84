import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import type { Story } from '../../core/story/Story.js';
import type { PathResult } from './classifyRun.js';
import { classifyRun } from './classifyRun.js';
import type { StoryPath } from './listPaths.js';
import { runPath } from './runPath.js';
import { RUNNER_PATHS } from './runnerPage.js';

export interface RunPathsOptions {
  story: Story;
  /** The runner server's origin and the story file's name in its story folder. */
  origin: string;
  storyFile: string;
  /** `--base-url`: what the player resolves media URLs against instead of the story's URL. */
  baseUrl?: string;
  speed: number;
  /** Pages playing at once. */
  concurrency: number;
  maxStallMs: number;
  /** Per path; default from the path's length (see timeoutFor). */
  timeoutMs?: number;
  generation?: { baseUrl: string; tokenFor(index: number): string | undefined };
  onStart?: (index: number) => void;
  onSegment?: (index: number, segmentId: string) => void;
  onDone?: (result: PathResult) => void;
}

/**
 * Plays every path in one chromium (a fresh page each, `concurrency` at a time) and returns
 * a verdict per path, in listing order. A page that crashes fails its path as a
 * `player-error`; the other paths go on.
 *
 * @example
 * const results = await runPaths(paths, { story, origin: files.origin, storyFile: 'night-walk.json', speed: 1, concurrency: 1, maxStallMs: 1000 });
 */
export async function runPaths(paths: StoryPath[], options: RunPathsOptions): Promise<PathResult[]> {
  let browser;
  try {
    browser = await chromium.launch(chromiumLaunchOptions);
  } catch (error) {
    throw new Error(
      `could not launch chromium (${chromiumLaunchOptions.executablePath}): ${(error as Error).message.split('\n')[0]}`,
      { cause: error },
    );
  }
  const results: PathResult[] = new Array<PathResult>(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const i = next++;
      const path = paths[i]!;
      const index = i + 1;
      options.onStart?.(index);
      const token = options.generation?.tokenFor(index);
      let result: PathResult;
      const started = performance.now();
      try {
        const run = await runPath(browser, path, {
          origin: options.origin,
          storyFile: options.storyFile,
          baseUrl: options.baseUrl,
          speed: options.speed,
          timeoutMs: options.timeoutMs ?? timeoutFor(options.story, path, options.speed),
          generation: options.generation
            ? { baseUrl: options.generation.baseUrl, ...(token ? { token } : {}) }
            : undefined,
          onProgress: (event) => {
            if (event.type === 'segment') options.onSegment?.(index, event.segmentId);
          },
        });
        result = classifyRun(index, path, run, {
          story: options.story,
          maxStallMs: options.maxStallMs,
          // What the player resolved media against: whole failure URLs are matched to segments by it.
          baseUrl: options.baseUrl ?? `${options.origin}${RUNNER_PATHS.story}${encodeURIComponent(options.storyFile)}`,
        });
      } catch (error) {
        result = {
          index,
          ok: false,
          failures: [
            {
              kind: 'player-error',
              message: `the page failed: ${(error as Error).message.split('\n')[0]}`,
              code: 'page-crashed',
            },
          ],
          expected: path.steps.map((s) => s.segmentId),
          played: [],
          mediaSeconds: path.mediaSeconds,
          wallSeconds: (performance.now() - started) / 1000,
          playSeconds: 0,
          stalls: 0,
          stallMs: 0,
          longestWaitMs: 0,
          playbackRate: options.speed,
        };
      }
      results[i] = result;
      options.onDone?.(result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, paths.length)) }, worker));
  } finally {
    await browser.close().catch(() => undefined);
  }
  return results;
}

/**
 * Default time a path may take: its media at the chosen speed, three times over (a loaded
 * machine), plus 30 s to start, plus 60 s per generated segment (a CPU render).
 */
export function timeoutFor(story: Story, path: StoryPath, speed: number): number {
  const generated = path.steps.filter((s) => story.segments[s.segmentId]?.generate).length;
  return Math.round((30 + (3 * path.mediaSeconds) / speed + 60 * generated) * 1000);
}
