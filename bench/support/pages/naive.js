// Bench page (b), the naive baseline: one plain hls.js (full build, default config) on one
// <video>; the choice picks the next URL, and when the current clip ends the page calls
// hls.loadSource(nextUrl) and plays again. What a first integration would do.
import Hls from '/hls/hls.min.mjs'; // the same hls.mjs code, minified as a site would ship it
import { createRecorder, each } from './measure.js';

const plan = await (await fetch('/bench/plan.json')).json();
const steps = plan.steps;
let hls = null;

async function run() {
  const stage = document.getElementById('stage');
  const notes = { errors: [], defaults: 0, mismatches: [], firstMediaTime: null };
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  stage.append(video);
  let k = 0; // the step whose media is loaded
  const recorder = createRecorder(video, () => k);
  const startedAt = performance.now();
  let ended;
  const done = new Promise((resolve) => (ended = resolve));
  let next = null;
  hls = new Hls();
  hls.on(Hls.Events.ERROR, (_e, data) => data.fatal && notes.errors.push(`${data.type}: ${data.details}`));
  hls.on(Hls.Events.MANIFEST_PARSED, () => void video.play().catch((e) => notes.errors.push(`play(): ${e.message}`)));
  hls.attachMedia(video);
  hls.loadSource(steps[0].url);
  const stop = each(() => {
    if (k < steps.length - 1 && next === null && video.currentTime >= steps[k].chooseAt) next = steps[k + 1].url;
  });
  video.addEventListener('ended', () => {
    if (k === steps.length - 1) return ended();
    if (next === null) notes.mismatches.push(`step ${k} ended before its choice`);
    recorder.noteMediaLoad();
    k++;
    next = null;
    if (k % 10 === 0) console.log(`[naive] ${k}/${plan.transitions} transitions`);
    hls.loadSource(steps[k].url);
  });
  await done;
  stop();
  const rec = recorder.finish();
  rec.startedAt = startedAt;
  notes.firstMediaTime = rec.frames[0]?.[1] ?? null;
  return { rec, notes, own: null };
}

function destroy() {
  const video = hls?.media;
  hls?.destroy();
  hls = null; // measure what hls.js keeps, not what this page holds
  video?.removeAttribute('src');
  video?.load();
  video?.remove();
}

window.__bench = { run, destroy };
window.__benchReady = performance.now();
