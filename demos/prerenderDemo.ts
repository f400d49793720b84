// Pre-renders the demo short's `media` segments: each carries an `x-prerender` spec (an
// extension field the player ignores), rendered once with the same procedural generator
// the backend runs, so pre-rendered and generated segments share codec, size and audio.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import type { GenerateSpec, Story } from '../src/core/index.js';
import { validateStory } from '../src/core/index.js';
import { createProceduralGenerator, PROCEDURAL_VERSION, RENDITION_360P } from '../src/server/generate/index.js';

const run = promisify(execFile);
const SEGMENT_SECONDS = 1;
/** Bump when this file's output changes for the same story. */
const PRERENDER_VERSION = 1;

export interface PrerenderOptions {
  /** The story file; its `media` segments with an `x-prerender` spec are rendered. */
  storyFile: string;
  /** Folder that the story's `media` prefix (e.g. `demo-media/`) maps to. */
  outDir: string;
  /** The `media` prefix that lives in `outDir`. Default `demo-media/`. */
  mediaPrefix?: string;
  /** Progress lines. Default: console.log. */
  log?: (message: string) => void;
}

export interface PrerenderReport {
  rendered: string[];
  cached: string[];
  /** Wall-clock ms for the whole call (cache checks included). */
  elapsedMs: number;
  /** The poster image (a still of the first segment), inside outDir. */
  poster: string;
}

interface Job {
  segmentId: string;
  spec: GenerateSpec;
  durationSeconds: number;
  dir: string;
  hash: string;
}

/**
 * Render every pre-rendered segment of a story that is not already in `outDir` (cached by a
 * hash of spec, duration and generator version in `<segment>/.complete`), two at a time,
 * printing progress; then a poster still. Throws naming the segment when a spec is missing
 * or a render fails.
 *
 * @example
 * const report = await prerenderDemo({ storyFile: 'examples/lighthouse-road.json', outDir: '.cache/demo-media' });
 * console.log(`${report.rendered.length} rendered in ${report.elapsedMs} ms`);
 */
export async function prerenderDemo(options: PrerenderOptions): Promise<PrerenderReport> {
  const started = performance.now();
  const log = options.log ?? ((message: string) => console.log(message));
  const prefix = options.mediaPrefix ?? 'demo-media/';
  const story = readStory(options.storyFile);
  const outDir = resolve(options.outDir);
  const jobs = jobsFor(story, options.storyFile, prefix, outDir);
  const todo = jobs.filter((job) => readStamp(job.dir) !== job.hash);
  const cached = jobs.filter((job) => !todo.includes(job)).map((job) => job.segmentId);
  if (todo.length > 0) {
    const seconds = todo.reduce((sum, job) => sum + job.durationSeconds, 0);
    log(
      `[prerender] ${todo.length} of ${jobs.length} segments of "${story.title}" to render (${seconds} s of video, once; cached in ${relative(process.cwd(), outDir) || '.'})`,
    );
  }
  if (todo.length > 0) await renderAll(todo, log);
  const poster = join(outDir, 'poster.jpg');
  // The story may name its poster segment (`"x-poster": "meet-fox"`); else its start.
  const posterId = (story as unknown as Record<string, unknown>)['x-poster'];
  const first =
    jobs.find((job) => job.segmentId === posterId) ?? jobs.find((job) => job.segmentId === story.start) ?? jobs[0];
  if (first && (todo.length > 0 || !existsSync(poster))) await makePoster(first, poster);
  const elapsedMs = Math.round(performance.now() - started);
  if (todo.length > 0)
    log(`[prerender] done: ${todo.length} rendered, ${cached.length} cached (${(elapsedMs / 1000).toFixed(1)} s)`);
  return { rendered: todo.map((job) => job.segmentId), cached, elapsedMs, poster };
}

async function renderAll(todo: Job[], log: (message: string) => void): Promise<void> {
  // The CPU path on every host: pre-rendered pixels do not depend on the machine.
  const generator = createProceduralGenerator({ renditions: [RENDITION_360P], renderer: 'cpu' });
  try {
    const queue = [...todo];
    // Two at a time: painting is in this process, encoding in ffmpeg, on two cores.
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await renderOne(generator, job, log);
    };
    await Promise.all([worker(), worker()]);
  } finally {
    await generator.close();
  }
}

function readStory(file: string): Story {
  const report = validateStory(readFileSync(file, 'utf8'), { file });
  if (!report.valid || !report.story) {
    const first = report.errors[0];
    throw new Error(
      `prerenderDemo: ${file} is not a valid story (${report.errors.length} errors; first: ${first?.line ?? 0}:${first?.column ?? 0} ${first?.message ?? ''})`,
    );
  }
  return report.story;
}

function jobsFor(story: Story, storyFile: string, prefix: string, outDir: string): Job[] {
  const jobs: Job[] = [];
  for (const [segmentId, segment] of Object.entries(story.segments)) {
    if (!segment.media?.startsWith(prefix)) continue;
    const spec = (segment as unknown as Record<string, unknown>)['x-prerender'] as GenerateSpec | undefined;
    if (!spec || typeof spec.prompt !== 'string') {
      throw new Error(
        `prerenderDemo: ${storyFile}: segment ${segmentId} has media "${segment.media}" under ${prefix} but no \`x-prerender\` spec with a prompt to render it from`,
      );
    }
    const playlist = join(outDir, segment.media.slice(prefix.length));
    if (!playlist.startsWith(outDir + sep) || !playlist.endsWith(`${sep}index.m3u8`)) {
      throw new Error(
        `prerenderDemo: ${storyFile}: segment ${segmentId} media "${segment.media}" must be ${prefix}<folder>/index.m3u8`,
      );
    }
    const hash = createHash('sha256')
      .update(
        JSON.stringify({
          PRERENDER_VERSION,
          PROCEDURAL_VERSION,
          spec,
          duration: segment.duration,
          SEGMENT_SECONDS,
          rendition: RENDITION_360P,
        }),
      )
      .digest('hex');
    jobs.push({ segmentId, spec, durationSeconds: segment.duration, dir: dirname(playlist), hash });
  }
  return jobs;
}

function readStamp(dir: string): string | null {
  try {
    return readFileSync(join(dir, '.complete'), 'utf8').trim();
  } catch {
    return null;
  }
}

async function renderOne(
  generator: ReturnType<typeof createProceduralGenerator>,
  job: Job,
  log: (message: string) => void,
): Promise<void> {
  const t = performance.now();
  // Render beside the target and rename: a half-rendered folder is never served.
  const staging = `${job.dir}.rendering`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  let reported = 0;
  const hooks = {
    onProgress: (p: number) => {
      if (p - reported < 0.5 && p < 1) return;
      reported = p;
      log(`[prerender] ${job.segmentId}: ${Math.round(p * 100)}%`);
    },
    onSegment: () => {},
  };
  try {
    const key = `demo-${job.segmentId}`;
    const result = await generator.render(
      {
        key,
        spec: job.spec,
        state: {},
        durationSeconds: job.durationSeconds,
        outDir: staging,
        segmentSeconds: SEGMENT_SECONDS,
      },
      hooks,
      new AbortController().signal,
    );
    writeFileSync(join(staging, '.complete'), `${job.hash}\n`);
    rmSync(job.dir, { recursive: true, force: true });
    renameSync(staging, job.dir);
    log(
      `[prerender] ${job.segmentId}: ${job.durationSeconds} s rendered in ${((performance.now() - t) / 1000).toFixed(1)} s (${result.path})`,
    );
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      `prerenderDemo: segment ${job.segmentId} failed to render: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/** A still from the poster segment, for the title page. */
async function makePoster(job: Job, poster: string): Promise<void> {
  const media = join(job.dir, `${RENDITION_360P.name}.m3u8`);
  const at = String(Math.min(job.durationSeconds / 2, 3));
  // -ss after -i: ffmpeg cannot seek inside an fMP4 EVENT playlist, so it decodes up to there.
  await run('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-i',
    media,
    '-ss',
    at,
    '-frames:v',
    '1',
    '-q:v',
    '3',
    `${poster}.tmp.jpg`,
  ]).catch((error: Error) => {
    throw new Error(`prerenderDemo: poster from ${media} failed: ${error.message}`);
  });
  renameSync(`${poster}.tmp.jpg`, poster);
}
