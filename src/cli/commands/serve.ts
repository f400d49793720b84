import { Command, InvalidArgumentError, Option } from 'commander';
import type { ProceduralGenerator } from '../../server/generate/procedural/createProceduralGenerator.js';
import { createProceduralGenerator } from '../../server/generate/procedural/createProceduralGenerator.js';
import { startServer } from '../../server/startServer.js';
import type { CliIO } from '../CliIO.js';
import { EXIT_OK, EXIT_USAGE } from '../CliIO.js';
import {
  atLeastOne,
  collectHeader,
  generatorFromOptions,
  parseGeneratorKind,
  positiveSeconds,
} from './serveGenerator.js';
import type { GeneratorCliOptions } from './serveGenerator.js';
import { parseFlagList, parseRenditions, positiveNumber } from './serveRenderFlags.js';

interface ServeOptions extends GeneratorCliOptions {
  port: number;
  host: string;
  stories?: string;
  store: string;
  redis?: string;
  workers: number;
  api: boolean;
  secret?: string;
  segmentSeconds: number;
  corsOrigin: string;
  renderer: 'auto' | 'cpu' | 'browser';
  chromiumGpuFlags?: string[];
  paintPage?: string;
  maxTokenLifetime?: number;
  rateLimit?: number;
  rateBurst?: number;
}

/**
 * `offshoot serve`: the generation backend. One process by default (API + in-process queue +
 * workers); with --redis, the BullMQ queue, and `--no-api` processes add workers elsewhere.
 * Runs until SIGINT/SIGTERM, then closes gracefully.
 *
 * @example
 * offshoot serve --stories examples --secret "$OFFSHOOT_SECRET" --port 8787
 * offshoot serve --redis redis://127.0.0.1:6379 --no-api --workers 2   # a worker machine
 * offshoot serve --renderer browser   # paint in headless chromium even without a GPU
 * offshoot serve --port 0              # any free port: the URL is printed on stdout
 * offshoot serve --store s3://media/offshoot --redis redis://10.0.0.5:6379   # shared by machines
 */
export function serveCommand(io: CliIO): Command {
  return (
    new Command('serve')
      .description('run the generation backend (HTTP API, queue, render workers, segment store)')
      .option('--port <n>', 'HTTP port (0: any free port; the API URL is printed on stdout)', int, 8787)
      .option('--host <addr>', 'address to listen on', '127.0.0.1')
      .option('--stories <dir>', 'folder of story files (*.json, */story.json)')
      .option(
        '--store <dir|url>',
        'segment store: a folder, or s3://bucket/prefix (endpoint and keys from OFFSHOOT_S3_ENDPOINT or AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION; each S3 call times out after OFFSHOOT_S3_TIMEOUT_MS, default 15000)',
        './.cache/offshoot-store',
      )
      .option('--redis <url>', 'use the BullMQ queue on this Redis (redis://host:port)')
      .option('--workers <n>', 'render workers in this process (0 with --redis: API only)', int, 1)
      .option('--no-api', 'worker-only process (needs --redis)')
      .option('--secret <secret>', 'token secret shared with the embedder (default: $OFFSHOOT_SECRET)')
      .option('--segment-seconds <s>', 'HLS segment length', Number, 1)
      .option('--cors-origin <origin>', 'Access-Control-Allow-Origin', '*')
      // Generator and per-viewer cap (parsed and checked in serveGenerator.ts).
      .option(
        '--generator <kind>',
        'what renders: procedural (built in) or http (a model server)',
        parseGeneratorKind,
        'procedural',
      )
      .option(
        '--generator-url <url>',
        'with --generator http: the model server endpoint (POSTed the job, answers an MP4)',
      )
      .option('--generator-version <v>', 'with --generator http: model version, part of every rendition key (required)')
      .option('--generator-id <id>', 'with --generator http: name in rendition keys and logs (default "http")')
      .option(
        '--generator-timeout <s>',
        'with --generator http: give up on the model server after this many seconds (default 600)',
        positiveSeconds,
      )
      .option(
        '--generator-header <header>',
        'with --generator http: "Name: value" sent to the model server (repeatable)',
        collectHeader,
      )
      .option(
        '--max-wants-per-viewer <n>',
        'most unfinished jobs one viewer may have asked for (default 6)',
        atLeastOne,
      )
      .addOption(
        new Option(
          '--renderer <kind>',
          'procedural generator: who paints (auto: chromium when it finds a GPU, else Skia on the CPU)',
        )
          .choices(['auto', 'cpu', 'browser'])
          .default('auto'),
      )
      .addOption(
        new Option(
          '--encoder <name>',
          'H.264 encoder (default: h264_nvenc when a test encode works, else libx264)',
        ).choices(['libx264', 'h264_nvenc']),
      )
      .option(
        '--renditions <list>',
        'rendition ladder of every generated segment, e.g. 360p,720p (default 360p)',
        parseRenditions,
      )
      .option(
        '--chromium-gpu-flags <flags>',
        'procedural browser path: chromium flags that reach the GPU, replacing the defaults (space-separated)',
        parseFlagList,
      )
      .option(
        '--paint-page <file>',
        'procedural browser path: the bundled paint page (default dist/node/paint-page.js)',
      )
      .option(
        '--max-token-lifetime <s>',
        'refuse viewer tokens that live longer than this many seconds (default 86400)',
        positiveNumber,
      )
      .option('--rate-limit <n>', 'API requests per second per viewer, sustained (default 3)', positiveNumber)
      .option(
        '--rate-burst <n>',
        'API requests one viewer may make at once before --rate-limit applies (default 30)',
        atLeastOne,
      )
      .action(async (options: ServeOptions, command: Command) => {
        let server: Awaited<ReturnType<typeof startServer>>;
        const log = (message: string) => io.err(`[offshoot] ${message}\n`);
        const proceduralOnly = ['renderer', 'chromiumGpuFlags', 'paintPage'].filter(
          (name) => command.getOptionValueSource(name) === 'cli',
        );
        if (options.generator === 'http' && proceduralOnly.length > 0) {
          const flags = proceduralOnly.map((name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
          io.err(
            `offshoot serve: ${flags.join(', ')} only applies with --generator procedural (a model server renders by itself)\n`,
          );
          io.exitCode = EXIT_USAGE;
          return;
        }
        // Kept so the render path can be settled before serving and its chromium closed after.
        let procedural: ProceduralGenerator | undefined;
        try {
          const generator = generatorFromOptions(
            options,
            () =>
              (procedural = createProceduralGenerator({
                renderer: options.renderer,
                encoder: options.encoder,
                renditions: options.renditions,
                chromiumGpuFlags: options.chromiumGpuFlags,
                paintPageScript: options.paintPage,
                log,
              })),
          );
          // The procedural generator's version (in every rendition key) depends on the path 'auto' picks.
          await procedural?.ready();
          server = await startServer({
            generator,
            port: options.port,
            host: options.host,
            stories: options.stories,
            store: options.store,
            redisUrl: options.redis,
            workers: options.workers,
            api: options.api,
            secret: options.secret ?? process.env.OFFSHOOT_SECRET,
            segmentSeconds: options.segmentSeconds,
            corsOrigin: options.corsOrigin,
            maxWantsPerViewer: options.maxWantsPerViewer,
            maxTokenLifetimeSeconds: options.maxTokenLifetime,
            rateLimit:
              options.rateLimit === undefined && options.rateBurst === undefined
                ? undefined
                : { burst: options.rateBurst ?? 30, perSecond: options.rateLimit ?? 3 },
            log,
          });
        } catch (error) {
          await procedural?.close();
          io.err(`offshoot serve: ${(error as Error).message}\n`);
          io.exitCode = EXIT_USAGE;
          return;
        }
        if (server.url) io.out(`${server.url}\n`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        io.err('[offshoot] shutting down\n');
        await server.close();
        await procedural?.close();
        io.exitCode = EXIT_OK;
      })
  );
}

function int(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number');
  return n;
}
