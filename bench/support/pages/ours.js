// Bench page (a): Offshoot's createPlayer from the bundle, driven through the planned walk
// with player.choose() at the planned moment of each choice window.
import { createRecorder, each } from './measure.js';

const params = new URLSearchParams(location.search);
const { createPlayer } = await import(params.get('bundle') ?? '/dist/offshoot.bundle.mjs');
const plan = await (await fetch('/bench/plan.json')).json();
const steps = plan.steps;
// Where each planned segment starts on the one spliced timeline.
const starts = [];
steps.reduce((at, s) => (starts.push(at), at + s.mediaSeconds), 0);
const SLACK = 0.017; // half a frame at 30 fps, as the engine counts boundaries

/** @param {number} t media time */
function segmentOf(t) {
  let k = 0;
  while (k + 1 < starts.length && starts[k + 1] <= t + SLACK) k++;
  return k;
}

let player = null;

async function run() {
  const stage = document.getElementById('stage');
  const notes = { errors: [], defaults: 0, mismatches: [], firstMediaTime: null };
  let recorder = null;
  let video = null;
  const attach = () => {
    video ??= stage.querySelector('video');
    if (video && !recorder) recorder = createRecorder(video, segmentOf);
  };
  const observer = new MutationObserver(attach);
  observer.observe(stage, { childList: true, subtree: true });
  const startedAt = performance.now();
  let ended;
  const done = new Promise((resolve) => (ended = resolve));
  let open = null;
  let k = 0;
  let segments = 0;
  player = await createPlayer(stage, {
    story: '/bench/story.json',
    autoplay: true,
    muted: true,
    on: {
      error: (e) => notes.errors.push(`${e.code}: ${e.message}`),
      choicestart: (e) => (open = e.segmentId),
      choice: (e) => {
        if (!e.byDefault) return;
        notes.defaults++;
        notes.mismatches.push(
          `choice in ${e.segmentId} timed out to ${e.optionId} (step ${k}, at ${video?.currentTime.toFixed(3)} s)`,
        );
      },
      segmentstart: (e) => {
        if (e.segmentId !== steps[segments]?.segmentId)
          notes.mismatches.push(`segment ${segments}: ${e.segmentId}, planned ${steps[segments]?.segmentId}`);
        segments++;
        if (segments % 10 === 0) console.log(`[ours] ${segments - 1}/${plan.transitions} transitions`);
      },
      ended: () => ended(),
    },
  });
  attach();
  observer.disconnect();
  const stop = each(() => {
    if (!open || k >= steps.length - 1 || !video) return;
    if (open !== steps[k].segmentId) {
      notes.mismatches.push(`choice ${k}: open in ${open}, planned ${steps[k].segmentId}`);
      open = null;
      return;
    }
    if (video.currentTime - starts[k] < steps[k].chooseAt) return;
    player.choose(steps[k].optionId);
    open = null;
    k++;
  });
  await done;
  stop();
  const rec = recorder.finish();
  rec.startedAt = startedAt;
  notes.firstMediaTime = rec.frames[0]?.[1] ?? null;
  return { rec, notes, own: player.getStats() };
}

function destroy() {
  player?.destroy();
  player = null; // measure what the SDK keeps, not what this page holds
}

window.__bench = { run, destroy };
window.__benchReady = performance.now();
