import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { CliIO } from '../CliIO.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../CliIO.js';
import { absoluteUrl } from '../absoluteUrl.js';
import { collectMount } from '../collectMount.js';
import { checkStoryFileMedia } from '../media/checkStoryFileMedia.js';
import { readValidStory } from '../readStory.js';
import { findPlayerBundle } from '../pathRunner/findPlayerBundle.js';
import { formatPathTable } from '../pathRunner/formatPathTable.js';
import { listPaths } from '../pathRunner/listPaths.js';
import { runPaths } from '../pathRunner/runPaths.js';
import { serveRunnerFiles } from '../pathRunner/serveRunnerFiles.js';
import type { PathBackend } from '../pathRunner/startPathBackend.js';
import { startPathBackend } from '../pathRunner/startPathBackend.js';

interface TestPathsOptions {
  maxPaths: number;
  maxDepth: number;
  path?: number;
  backend: string;
  token?: string;
  speed: number;
  concurrency: number;
  maxStallMs: number;
  timeout?: number;
  mount?: Record<string, string>;
  baseUrl?: string;
  bundle?: string;
  json?: boolean;
  verbose?: boolean;
  media: boolean;
}

/**
 * `offshoot test-paths FILE`: plays every path `offshoot paths` counts (up to --max-paths,
 * shortest first) in headless chromium with the real player, taking each path's options
 * as the choices open, and reports per path: pass, or why it failed (missing media with the
 * URL, a generation failure with the backend's code, a stall, the wrong segments, a player
 * error, a timeout). Exit 0 when every path passes, 1 when one fails (or the story is
 * invalid), 2 on bad usage (no built player bundle, no chromium).
 *
 * @example
 * offshoot test-paths examples/night-walk.json --mount media=test/media --speed 2
 * offshoot test-paths story.json --backend none --json > report.json
 * offshoot test-paths story.json --base-url https://cdn.example/stories/story.json
 */
export function testPathsCommand(io: CliIO): Command {
  return new Command('test-paths')
    .description(
      'play every path of a story in headless chromium with the real player; report which paths break and why',
    )
    .argument('<file>', 'story file (JSON)')
    .option('--max-paths <n>', 'most paths to play (shortest first)', whole(1), 20)
    .option('--max-depth <n>', 'most choices in one path (loops are cut there)', whole(1), 20)
    .option('--path <n>', 'play only path n of the listing (to re-run one failure)', whole(1))
    .option(
      '--backend <auto|none|url>',
      'generation backend: auto (start one here when the story has generate segments), none, or a URL',
      'auto',
    )
    .option('--token <token>', 'with --backend URL: viewer token (default $OFFSHOOT_TOKEN)')
    .option('--speed <n>', 'playback rate (story timers follow media time, so choices keep their place)', rate, 1)
    .option('--concurrency <n>', 'paths playing at once', whole(1), 1)
    .option('--max-stall-ms <ms>', 'a wait for picture longer than this fails the path', whole(0), 1000)
    .option(
      '--timeout <s>',
      'per path, seconds (default: 30 + 3 × its media time / speed, + 60 per generated segment)',
      whole(1),
    )
    .option(
      '--mount <prefix=dir>',
      'serve folder dir as prefix/ next to the story (repeatable), e.g. media=test/media',
      collectMount,
    )
    .option(
      '--base-url <url>',
      "resolve media URLs against this URL (where the story is served from, or the player's baseUrl option) instead of the file, in the media check and in the player; needed for root-relative media such as /media/x.m3u8 (its server must allow CORS)",
      absoluteUrl,
    )
    .option('--bundle <file>', 'player bundle (default: dist/offshoot.umd.js of this package)')
    .option(
      '--no-media',
      "skip the media check (offshoot validate --media) run on every path's segments before playing",
    )
    .option('--json', 'print { story, truncated, passed, failed, paths: [...] } as JSON')
    .option('--verbose', "show the embedded backend's log")
    .action(async (file: string, options: TestPathsOptions) => {
      const usage = (message: string) => {
        io.err(`offshoot test-paths: ${message}\n`);
        io.exitCode = EXIT_USAGE;
      };
      const bundle = options.bundle ?? findPlayerBundle();
      if (!existsSync(bundle)) return usage(`the player bundle ${bundle} is missing: run \`npm run build\` first`);
      for (const [prefix, dir] of Object.entries(options.mount ?? {}))
        if (!existsSync(dir)) return usage(`--mount ${prefix}=${dir}: no such folder`);
      const backendUrl =
        options.backend === 'auto' || options.backend === 'none' ? undefined : parseUrl(options.backend);
      if (backendUrl === null) return usage(`--backend must be auto, none or an http(s) URL, got "${options.backend}"`);

      const story = await readValidStory(file, io);
      if (!story) return;
      const listed = listPaths(story, { maxPaths: options.path ?? options.maxPaths, maxDepth: options.maxDepth });
      if (options.path !== undefined && options.path > listed.paths.length)
        return usage(
          `--path ${options.path}: the story has ${listed.paths.length} path(s) within --max-depth ${options.maxDepth}`,
        );
      const media = options.media
        ? await checkStoryFileMedia(file, story, io, options.mount, options.baseUrl)
        : undefined;
      const indexes = options.path !== undefined ? [options.path - 1] : listed.paths.map((_, i) => i);
      const paths = indexes.map((i) => listed.paths[i]!);
      if (paths.length === 0) {
        io.err(`${file}: no path reaches an ending within ${options.maxDepth} choices\n`);
        io.exitCode = EXIT_INVALID;
        return;
      }

      const log = options.verbose ? (message: string) => io.err(`[backend] ${message}\n`) : () => undefined;
      const generates = Object.values(story.segments).some((s) => s.generate);
      let backend: PathBackend | undefined;
      const files = await serveRunnerFiles({ storyDir: dirname(file), bundle, mounts: options.mount });
      try {
        if (backendUrl) {
          const token = options.token ?? process.env.OFFSHOOT_TOKEN;
          backend = { baseUrl: backendUrl, tokenFor: () => token, close: async () => undefined };
        } else if (options.backend === 'auto' && generates) {
          try {
            backend = await startPathBackend(story, file, log);
          } catch (error) {
            return usage(`could not start the generation backend: ${(error as Error).message}`);
          }
        }
        const total = paths.length;
        const number = (i: number) => indexes[i - 1]! + 1;
        const progress = (text: string) => (io.errIsTTY ? io.err(`\r\u001b[2K${text}`) : undefined);
        const results = await runPaths(paths, {
          story,
          origin: files.origin,
          storyFile: basename(file),
          baseUrl: options.baseUrl,
          speed: options.speed,
          concurrency: options.concurrency,
          maxStallMs: options.maxStallMs,
          timeoutMs: options.timeout === undefined ? undefined : options.timeout * 1000,
          generation: backend,
          onStart: (i) =>
            io.errIsTTY
              ? progress(`path ${i}/${total}: starting`)
              : io.err(
                  `path ${i}/${total} (#${number(i)}): playing ${paths[i - 1]!.steps.length} segments, ${paths[i - 1]!.mediaSeconds} s of media\n`,
                ),
          onSegment: (i, segmentId) => progress(`path ${i}/${total}: ${segmentId}`),
          onDone: (r) =>
            io.errIsTTY
              ? progress('')
              : io.err(
                  `path ${r.index}/${total} (#${number(r.index)}): ${r.ok ? 'pass' : `FAIL ${r.failures[0]?.kind}`} in ${r.wallSeconds.toFixed(1)} s\n`,
                ),
        }).catch((error: Error) => {
          usage(error.message);
          return null;
        });
        if (!results) return;
        // Rows carry the path's number in the full listing, so `--path N` re-runs exactly that one.
        for (const r of results) r.index = number(r.index);
        const byNumber = (n: number) => listed.paths[n - 1]!;
        const failed = results.filter((r) => !r.ok).length;
        // Media the player would refuse or degrade, per path: what its viewers would meet.
        const mediaOf = (n: number) => {
          const ids = new Set(byNumber(n).steps.map((s) => s.segmentId));
          return [...(media?.errors ?? []), ...(media?.warnings ?? [])].filter((i) => ids.has(i.segment));
        };
        const mediaErrors = results.filter((r) => mediaOf(r.index).some((i) => i.severity === 'error')).length;
        if (options.json) {
          const out = {
            story: file,
            truncated: listed.truncated,
            passed: results.length - failed,
            failed,
            paths: results.map((r) => ({ ...r, steps: byNumber(r.index).steps, media: mediaOf(r.index) })),
          };
          io.out(`${JSON.stringify(out, null, 2)}\n`);
        } else {
          io.out(
            formatPathTable(file, listed.paths, results, listed.truncated, (n) =>
              mediaOf(n).map((i) => `${i.code} (${i.severity}, segment ${i.segment}): ${i.url}: ${i.message}`),
            ),
          );
          if (mediaErrors > 0)
            io.out(
              `${mediaErrors} path(s) with media the player refuses (offshoot validate ${file} --media lists it)\n`,
            );
        }
        io.exitCode = failed > 0 || mediaErrors > 0 ? EXIT_INVALID : EXIT_OK;
      } finally {
        await backend?.close();
        await files.close();
      }
    });
}

function whole(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
    return n;
  };
}

function rate(value: string): number {
  const n = Number(value);
  // Chromium plays muted media at up to 16×.
  if (!Number.isFinite(n) || n <= 0 || n > 16)
    throw new InvalidArgumentError('expected a playback rate above 0 and at most 16');
  return n;
}

function parseUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href.replace(/\/$/, '') : null;
  } catch {
    return null;
  }
}
