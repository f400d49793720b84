import type { Story } from '../../core/story/Story.js';
import type { StoryPath } from './listPaths.js';
import type { PathRun } from './runPath.js';

/**
 * Why a path failed:
 * - `missing-media`: a playlist, fragment or init segment (or the story) answered 4xx/5xx or never arrived;
 * - `generation-failed`: the backend could not make a `generate` segment (its error code when it sent one);
 * - `player-error`: the player reported an error of its own (code in `code`), e.g. media it cannot play;
 * - `timeout`: the path did not reach its ending in time;
 * - `wrong-order`: the player played other segments than the path (a choice not taken, a route gone elsewhere);
 * - `stall`: the picture waited longer than allowed after the first frame.
 */
export type FailureKind = 'missing-media' | 'generation-failed' | 'player-error' | 'timeout' | 'wrong-order' | 'stall';

export interface PathFailure {
  kind: FailureKind;
  message: string;
  segmentId?: string;
  url?: string;
  code?: string;
}

/** One path's verdict: what `offshoot test-paths --json` prints per path. */
export interface PathResult {
  /** 1-based, in listing order (shortest paths first). */
  index: number;
  ok: boolean;
  /** Most telling first: the table shows the first. */
  failures: PathFailure[];
  expected: string[];
  played: string[];
  /** Declared seconds of the path's segments. */
  mediaSeconds: number;
  /** Wall-clock seconds the run took, page set-up included. */
  wallSeconds: number;
  /** Of those, seconds from createPlayer to the end (story load, startup, playback). */
  playSeconds: number;
  /** The player's own count and time of frozen picture after the first frame (getStats). */
  stalls: number;
  stallMs: number;
  /** The longest `waiting` spell, ms. */
  longestWaitMs: number;
  /** The video's playbackRate at the end (shows whether --speed held). */
  playbackRate: number;
}

export interface ClassifyOptions {
  /** The story: which media URL belongs to which segment. */
  story: Story;
  /** A `waiting` spell longer than this fails the path as a stall. */
  maxStallMs: number;
  /** What the player resolved media against (`--base-url`, else the story's URL): failures outside the story folder come as whole URLs. */
  baseUrl?: string;
}

/**
 * Turns what was observed while a path played into a verdict. Causes outrank their
 * consequences: a missing fragment also makes the player skip a segment, so `wrong-order`
 * is only reported when nothing upstream explains it.
 *
 * @example
 * const result = classifyRun(1, path, run, { story, maxStallMs: 1000 });
 * if (!result.ok) console.log(result.failures[0].kind, result.failures[0].message);
 */
export function classifyRun(index: number, path: StoryPath, run: PathRun, options: ClassifyOptions): PathResult {
  const { page } = run;
  const failures: PathFailure[] = [];
  const expected = path.steps.map((s) => s.segmentId);
  // The player prefetches every option's target and asks for generated branches ahead, so
  // a page also sees failures of segments this path never plays: those belong to the paths
  // that go there. Only this path's own segments count.
  const onPath = new Set(expected);
  const seen = new Set<string>();
  for (const failure of run.mediaFailures) {
    if (seen.has(failure.url)) continue;
    seen.add(failure.url);
    const owners = ownersOf(options.story, failure.url, options.baseUrl);
    const segmentId = owners.find((id) => onPath.has(id));
    if (owners.length > 0 && !segmentId) continue;
    const why = failure.status ? `HTTP ${failure.status}` : (failure.error ?? 'no answer');
    failures.push({
      kind: 'missing-media',
      message: `${failure.url}: ${why}${segmentId ? ` (segment "${segmentId}")` : ''}`,
      url: failure.url,
      ...(segmentId ? { segmentId } : {}),
    });
  }
  for (const error of page.errors.filter(
    (e) => e.code === 'generation-failed' && (!e.segmentId || onPath.has(e.segmentId)),
  )) {
    const backend = run.backendFailures.find((f) => f.code) ?? run.backendFailures[0];
    const code = backend?.code ?? (backend ? `http-${backend.status}` : undefined);
    failures.push({
      kind: 'generation-failed',
      message: error.message,
      segmentId: error.segmentId,
      ...(code ? { code } : {}),
    });
  }
  const explained = failures.length > 0;
  for (const error of page.errors) {
    if (error.code === 'generation-failed' || (error.segmentId && !onPath.has(error.segmentId))) continue;
    // A segment that failed because its media is missing is already reported, with the URL.
    if (error.code === 'segment-failed' && explained) continue;
    failures.push({ kind: 'player-error', message: error.message, code: error.code, segmentId: error.segmentId });
  }
  if (page.reason === 'timeout') {
    const last = page.segments[page.segments.length - 1];
    failures.push({
      kind: 'timeout',
      message: last ? `still in "${last}" when time ran out` : 'no segment started before time ran out',
      segmentId: last,
    });
  }
  if (!failures.some((f) => f.kind !== 'timeout') && page.reason === 'ended') {
    const at = firstDifference(expected, page.segments);
    if (at >= 0) {
      // The usual cause: the choice before it took its default instead of the path's option.
      const wanted = path.steps[at - 1]?.optionId;
      const taken = page.choices.find((c) => c.segmentId === expected[at - 1] && c.optionId !== wanted);
      const why =
        taken && wanted
          ? ` (the choice in "${taken.segmentId}" took "${taken.optionId}"${taken.byDefault ? ' by default' : ''}, not "${wanted}")`
          : '';
      failures.push({
        kind: 'wrong-order',
        message: `segment ${at + 1}: expected "${expected[at] ?? '(end)'}", the player played "${page.segments[at] ?? '(end)'}"${why}`,
        segmentId: page.segments[at],
      });
    }
  }
  const longest = page.waits.reduce<{ segmentId: string; ms: number } | null>(
    (worst, w) => (!worst || w.ms > worst.ms ? w : worst),
    null,
  );
  if (longest && longest.ms > options.maxStallMs) {
    const total = page.waits.reduce((sum, w) => sum + w.ms, 0);
    failures.push({
      kind: 'stall',
      message: `the picture waited ${Math.round(longest.ms)} ms in "${longest.segmentId}" (${page.waits.length} wait(s), ${Math.round(total)} ms in all)`,
      segmentId: longest.segmentId,
    });
  }
  return {
    index,
    ok: failures.length === 0,
    failures,
    expected,
    played: page.segments,
    mediaSeconds: path.mediaSeconds,
    wallSeconds: run.wallMs / 1000,
    playSeconds: page.elapsedMs / 1000,
    stalls: page.stats?.stalls ?? 0,
    stallMs: page.stats?.stallMs ?? 0,
    longestWaitMs: longest?.ms ?? 0,
    playbackRate: page.rate,
  };
}

/**
 * The segments a story-relative media URL belongs to: the segment whose playlist it is, or
 * those whose playlist's folder holds it (its fragments and init segment), deepest folder
 * first. Empty for a URL no segment names (the story file itself, say).
 */
function ownersOf(story: Story, url: string, baseUrl?: string): string[] {
  // Without --base-url, failures are reported relative to the story folder, as media values are.
  const base = baseUrl ?? 'http://story.invalid/';
  const target = new URL(url, base).href;
  const exact: string[] = [];
  let best: string[] = [];
  let bestLength = -1;
  for (const [id, segment] of Object.entries(story.segments)) {
    if (!segment.media) continue;
    const media = new URL(segment.media, base).href;
    if (media === target) exact.push(id);
    const folder = media.slice(0, media.lastIndexOf('/') + 1);
    if (!target.startsWith(folder) || folder.length < bestLength) continue;
    if (folder.length > bestLength) best = [];
    best.push(id);
    bestLength = folder.length;
  }
  return exact.length > 0 ? exact : best;
}

function firstDifference(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}
