/** Where the runner page, the player bundle and the story live on the runner's server. */
export const RUNNER_PATHS = {
  page: '/__offshoot/runner.html',
  bundle: '/__offshoot/offshoot.umd.js',
  story: '/story/',
} as const;

/** The global the page script installs; `runPath` drives it with `page.evaluate`. */
export const RUNNER_GLOBAL = '__offshootRunPath';

/** The binding the page calls with progress (`page.exposeFunction`). */
export const PROGRESS_BINDING = '__offshootProgress';

/** What `runPath` hands the page: the story, the path to follow and how to play it. */
export interface PageRunArgs {
  storyUrl: string;
  /** The player's `baseUrl` (`--base-url`); absent: media resolve against the story's URL. */
  baseUrl?: string;
  /** Expected segments in order, with the option to take where one asks. */
  steps: Array<{ segmentId: string; optionId?: string }>;
  /** video.playbackRate (the story's timers follow media time, so choices keep their place). */
  speed: number;
  timeoutMs: number;
  generation?: { baseUrl: string; token?: string };
}

/** What the page reports back once the path ended, failed fatally or timed out. */
export interface PageRun {
  reason: 'ended' | 'fatal' | 'timeout';
  segments: string[];
  choices: Array<{ segmentId: string; optionId: string; byDefault: boolean }>;
  errors: Array<{ code: string; message: string; fatal: boolean; segmentId?: string }>;
  /** `waiting` spells after the first frame: the segment on screen and how long, ms. */
  waits: Array<{ segmentId: string; ms: number }>;
  /** Choices that opened where the path expected none, or without the path's option. */
  misses: Array<{ segmentId: string; expected?: string; shown: string[]; error?: string }>;
  ended: string | null;
  stats: {
    stalls: number;
    stallMs: number;
    failedSegments: string[];
    droppedFrames: number;
    totalFrames: number;
  } | null;
  elapsedMs: number;
  /** The playbackRate the video ended with (a player that resets it would show 1). */
  rate: number;
}

// Plain JavaScript, served as a classic script (never passed through page.evaluate as a
// function, so no transpiler helper can leak into it). It only uses the public player API:
// createPlayer, its events, choose() and getStats().
const SCRIPT = String.raw`
(() => {
  const report = (event) => { try { window.${PROGRESS_BINDING}?.(event); } catch {} };
  window.${RUNNER_GLOBAL} = (args) => new Promise((resolve) => {
    const started = performance.now();
    const run = { segments: [], choices: [], errors: [], waits: [], misses: [], ended: null };
    let player = null;
    let done = false;
    let video = null;
    let waitingSince = null;
    let playedOnce = false;
    const current = () => run.segments[run.segments.length - 1] ?? '';
    const closeWait = () => {
      if (waitingSince === null) return;
      run.waits.push({ segmentId: waitingSince.segmentId, ms: performance.now() - waitingSince.at });
      waitingSince = null;
    };
    const finish = (reason) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      closeWait();
      let stats = null;
      try { const s = player?.getStats(); if (s) stats = { stalls: s.stalls, stallMs: s.stallMs, failedSegments: s.failedSegments, droppedFrames: s.droppedFrames, totalFrames: s.totalFrames }; } catch {}
      const rate = video ? video.playbackRate : 1;
      try { player?.destroy(); } catch {}
      resolve({ ...run, reason, stats, elapsedMs: performance.now() - started, rate });
    };
    const timer = setTimeout(() => finish('timeout'), args.timeoutMs);
    const watchVideo = () => {
      if (video || !player) return;
      video = player.element.querySelector('video');
      if (!video) return;
      const applySpeed = () => { if (video.playbackRate !== args.speed) video.playbackRate = args.speed; };
      video.defaultPlaybackRate = args.speed;
      applySpeed();
      video.addEventListener('ratechange', applySpeed);
      video.addEventListener('playing', () => { playedOnce = true; applySpeed(); closeWait(); });
      video.addEventListener('waiting', () => {
        if (playedOnce && waitingSince === null) waitingSince = { segmentId: current(), at: performance.now() };
      });
    };
    const on = {
      segmentstart: (e) => {
        run.segments.push(e.segmentId);
        watchVideo();
        report({ type: 'segment', segmentId: e.segmentId });
      },
      choicestart: (e) => {
        const step = args.steps[run.segments.length - 1];
        const shown = e.options.map((o) => o.id);
        if (!step || step.segmentId !== e.segmentId || !step.optionId) { run.misses.push({ segmentId: e.segmentId, shown }); return; }
        // Not shown (a hidden default): the timer takes it, as it would for a viewer.
        if (!shown.includes(step.optionId)) { run.misses.push({ segmentId: e.segmentId, expected: step.optionId, shown }); return; }
        // At once, from inside the event: on a loaded machine one media-clock tick can open
        // and close a short window, and a choice sent later would find the default taken.
        try { player?.choose(step.optionId); } catch (error) { run.misses.push({ segmentId: e.segmentId, expected: step.optionId, shown, error: String(error) }); }
      },
      choice: (e) => run.choices.push({ segmentId: e.segmentId, optionId: e.optionId, byDefault: e.byDefault }),
      ended: (e) => { run.ended = e.segmentId; finish('ended'); },
      error: (e) => {
        run.errors.push({ code: e.code, message: e.message, fatal: e.fatal, segmentId: e.segmentId });
        report({ type: 'error', code: e.code, message: e.message, fatal: e.fatal, segmentId: e.segmentId });
        if (e.fatal) finish('fatal');
      },
    };
    const options = { story: args.storyUrl, autoplay: true, muted: true, controls: false, on };
    if (args.generation) options.generation = args.generation;
    if (args.baseUrl) options.baseUrl = args.baseUrl;
    window.Offshoot.createPlayer(document.getElementById('stage'), options).then(
      (p) => { player = p; if (done) p.destroy(); else watchVideo(); },
      (error) => { run.errors.push({ code: 'playback-failed', message: String(error), fatal: true }); finish('fatal'); },
    );
  });
})();
`;

/**
 * The page each path plays in: a 640×360 stage, the built UMD bundle (global `Offshoot`)
 * and the runner script. Served from the runner's own origin, so the story and its media
 * are same-origin fetches.
 *
 * @example
 * res.end(runnerPageHtml());
 */
export function runnerPageHtml(): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>offshoot test-paths</title>
<style>html,body{margin:0;background:#000}#stage{width:640px;height:360px}</style></head>
<body><div id="stage"></div>
<script src="${RUNNER_PATHS.bundle}"></script>
<script>${SCRIPT}</script>
</body></html>
`;
}
