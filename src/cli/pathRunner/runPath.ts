import type { Browser, Response } from 'playwright-core';
import type { StoryPath } from './listPaths.js';
import type { PageRun, PageRunArgs } from './runnerPage.js';
import { PROGRESS_BINDING, RUNNER_GLOBAL, RUNNER_PATHS } from './runnerPage.js';

/** A request for story media (or the story) that got no good answer. */
export interface MediaFailure {
  /** Relative to the story file, as the story names it (e.g. "media/dark/seg_002.m4s"). */
  url: string;
  /** HTTP status, or 0 when the request failed without one. */
  status: number;
  error?: string;
}

/** A generation backend reply with an error status, and its `{ error: { code } }`. */
export interface BackendFailure {
  url: string;
  status: number;
  code?: string;
  message?: string;
}

/** Everything observed while one path played. */
export interface PathRun {
  page: PageRun;
  mediaFailures: MediaFailure[];
  backendFailures: BackendFailure[];
  /** Wall-clock time of the whole run, page set-up included, ms. */
  wallMs: number;
}

export interface RunPathOptions {
  /** The runner server's origin (serveRunnerFiles). */
  origin: string;
  /** The story file's name inside the served story folder. */
  storyFile: string;
  /** `--base-url`: the player's `baseUrl` (media resolve against it instead of the story's URL). */
  baseUrl?: string;
  speed: number;
  timeoutMs: number;
  generation?: { baseUrl: string; token?: string };
  /** Progress from the page: a segment started, an error was reported. */
  onProgress?: (event: PageProgress) => void;
}

/** What the page reports while it plays (also kept here, for a page that stops answering). */
export type PageProgress =
  | { type: 'segment'; segmentId: string }
  | { type: 'error'; code: string; message: string; fatal: boolean; segmentId?: string };

const MEDIA = /\.(m3u8|m4s|mp4|ts|aac|vtt|json)(\?|$)/i;

/**
 * Plays `path` in a fresh page of `browser` with the real player (muted autoplay, the
 * path's option taken as soon as each choice opens) and records what happened: the page's
 * events plus the network failures only the browser sees (a 404 fragment, a backend error).
 *
 * @example
 * const run = await runPath(browser, path, { origin: files.origin, storyFile: 'night-walk.json', speed: 1, timeoutMs: 60_000 });
 * run.page.segments; // ['intro', 'lantern', 'forest', 'home']
 */
export async function runPath(browser: Browser, path: StoryPath, options: RunPathOptions): Promise<PathRun> {
  const started = performance.now();
  const page = await browser.newPage({ viewport: { width: 640, height: 360 } });
  const mediaFailures: MediaFailure[] = [];
  const backendFailures: BackendFailure[] = [];
  const reads: Array<Promise<void>> = [];
  const storyBase = `${options.origin}${RUNNER_PATHS.story}`;
  // Media outside the story folder (root-relative ones, or resolved against --base-url) come
  // from that origin: their failures are the path's too.
  const base = options.baseUrl ?? options.origin;
  const mediaOrigin = /^https?:/.test(base) ? new URL(base).origin : null;
  /** The media URL as reported: relative to the story folder when served from it, else whole. */
  const mediaUrl = (url: string): string | null =>
    !MEDIA.test(url)
      ? null
      : url.startsWith(storyBase)
        ? url.slice(storyBase.length)
        : mediaOrigin && url.startsWith(mediaOrigin)
          ? url
          : null;
  const backend = options.generation ? new URL(options.generation.baseUrl).origin : null;
  const onResponse = (response: Response): void => {
    if (response.status() < 400) return;
    const url = response.url();
    if (!url.startsWith(storyBase) && backend && url.startsWith(backend)) {
      reads.push(
        response.json().then(
          (body: { error?: { code?: string; message?: string } }) =>
            void backendFailures.push({
              url,
              status: response.status(),
              code: body.error?.code,
              message: body.error?.message,
            }),
          () => void backendFailures.push({ url, status: response.status() }),
        ),
      );
    } else {
      const media = mediaUrl(url);
      if (media !== null) mediaFailures.push({ url: media, status: response.status() });
    }
  };
  page.on('response', onResponse);
  page.on('requestfailed', (request) => {
    const url = request.url();
    const error = request.failure()?.errorText ?? 'failed';
    // Aborts are the player cancelling what it no longer needs, not a failure.
    const media = mediaUrl(url);
    if (error.includes('ERR_ABORTED') || media === null) return;
    mediaFailures.push({ url: media, status: 0, error });
  });
  // Kept on this side too: a page whose main thread is stuck never answers, and its own
  // timer cannot fire; what it reported before still says where it got.
  const heard: Pick<PageRun, 'segments' | 'errors'> = { segments: [], errors: [] };
  const onProgress = (event: PageProgress): void => {
    if (event.type === 'segment') heard.segments.push(event.segmentId);
    else
      heard.errors.push({ code: event.code, message: event.message, fatal: event.fatal, segmentId: event.segmentId });
    options.onProgress?.(event);
  };
  try {
    await page.exposeFunction(PROGRESS_BINDING, onProgress);
    await page.goto(`${options.origin}${RUNNER_PATHS.page}`);
    const args: PageRunArgs = {
      storyUrl: `${options.origin}${RUNNER_PATHS.story}${encodeURIComponent(options.storyFile)}`,
      baseUrl: options.baseUrl,
      steps: path.steps,
      speed: options.speed,
      timeoutMs: options.timeoutMs,
      generation: options.generation,
    };
    const playing = page.evaluate(
      ([name, a]) => (globalThis as unknown as Record<string, (x: unknown) => Promise<PageRun>>)[name as string]!(a),
      [RUNNER_GLOBAL, args] as const,
    );
    // The page has its own timer; this one only catches a page that stopped answering.
    const result = await withTimeout(playing, options.timeoutMs + 15_000).catch((error: unknown) => {
      if (!(error instanceof PageTimeout)) throw error;
      playing.catch(() => undefined); // settles (rejects) when the page closes below
      return unanswered(heard, performance.now() - started);
    });
    await Promise.all(reads);
    return { page: result, mediaFailures, backendFailures, wallMs: performance.now() - started };
  } finally {
    await page.close().catch(() => undefined);
  }
}

class PageTimeout extends Error {}

/** The run of a page that stopped answering: a timeout, with what it reported before. */
function unanswered(heard: Pick<PageRun, 'segments' | 'errors'>, elapsedMs: number): PageRun {
  return {
    reason: 'timeout',
    segments: heard.segments,
    errors: heard.errors,
    choices: [],
    waits: [],
    misses: [],
    ended: null,
    stats: null,
    elapsedMs,
    rate: 0,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new PageTimeout(`the page did not answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
