// Bench page (c), the fair baseline: a double-buffered switcher, what interactive players
// built on stock hls.js do (Kaltura's interactive player, Eko). Two <video> elements, each
// with its own hls.js instance (full build, default config but startPosition 0). As soon as
// the choice is made, the chosen branch is loaded into the hidden element, which buffers it
// and decodes its first frame while the visible one plays on. On the media clock (frame
// callbacks of the visible element) the hidden one is started a little before the visible
// one's last frame (the lead: how long play() took to present a frame the last times), and
// the two swap places on the hidden one's first presented frame. The old one is paused and
// becomes the next standby. No choice is preloaded before it is made (that would fetch every
// option: more bytes than the other two pages).
import Hls from '/hls/hls.min.mjs';
import { each } from './measure.js';

const plan = await (await fetch('/bench/plan.json')).json();
const steps = plan.steps;
const FRAME_S = 1 / 30;
/** First guess of play() → first presented frame, s, before any was measured. */
const FIRST_LEAD_S = 0.05;
let slots = [];

/** One element and its hls.js, with what it holds and its counters across loads. */
function createSlot(stage) {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  stage.append(video);
  const hls = new Hls({ startPosition: 0 });
  hls.attachMedia(video);
  return {
    video,
    hls,
    step: -1,
    /** presentedFrames at this load's first frame minus one: frames are counted per load. */
    presentedBase: null,
    /** Playback-quality counters of earlier loads (a load resets the element's). */
    carried: { dropped: 0, total: 0 },
    beforeLoad: null,
    lastMediaTime: 0,
  };
}

function load(slot, step) {
  const q = slot.video.getVideoPlaybackQuality();
  // A load that never showed a frame still reset the counters when it began.
  if (slot.beforeLoad) carry(slot);
  slot.beforeLoad = { dropped: q.droppedVideoFrames, total: q.totalVideoFrames };
  slot.step = step;
  slot.presentedBase = null;
  slot.lastMediaTime = 0;
  slot.hls.loadSource(steps[step].url);
}

function carry(slot) {
  slot.carried.dropped += slot.beforeLoad.dropped;
  slot.carried.total += slot.beforeLoad.total;
  slot.beforeLoad = null;
}

/** At a load's first frame: keep the last load's counters if the element reset them (it does). */
function settleCounters(slot) {
  if (!slot.beforeLoad) return;
  if (slot.video.getVideoPlaybackQuality().totalVideoFrames < slot.beforeLoad.total) carry(slot);
  else slot.beforeLoad = null;
}

function quality(slot) {
  settleCounters(slot);
  const q = slot.video.getVideoPlaybackQuality();
  return { dropped: slot.carried.dropped + q.droppedVideoFrames, total: slot.carried.total + q.totalVideoFrames };
}

async function run() {
  const stage = document.getElementById('stage');
  const notes = { errors: [], defaults: 0, mismatches: [], firstMediaTime: null, tailFramesCut: 0, lateSwaps: 0 };
  slots = [createSlot(stage), createSlot(stage)];
  for (const s of slots)
    s.hls.on(Hls.Events.ERROR, (_e, data) => data.fatal && notes.errors.push(`${data.type}: ${data.details}`));
  const frames = [];
  const rec = {
    startedAt: performance.now(),
    firstFrameAt: null,
    stalls: 0,
    stallMs: 0,
    frames,
    dropped: 0,
    decoded: 0,
  };
  let visible = slots[0];
  let standby = slots[1];
  let k = 0; // the step on screen
  let preloaded = false; // the next step is loading into the standby
  let startedNextAt = null; // when standby.play() was called for the swap
  const leads = []; // measured play() → first frame, s
  const swaps = []; // per swap: B's readyState when started, play() → first frame, started after A ended
  let waitingSince = null;
  let ended;
  const done = new Promise((resolve) => (ended = resolve));

  const lead = () => {
    if (leads.length === 0) return FIRST_LEAD_S;
    const sorted = [...leads].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  };
  const stallEnd = () => {
    if (waitingSince === null) return;
    rec.stallMs += performance.now() - waitingSince;
    waitingSince = null;
  };
  const startNext = () => {
    if (startedNextAt !== null || !preloaded) return;
    startedNextAt = performance.now();
    // Whether B had its head buffered when it was asked to start (else the preload was late).
    swaps.push({ step: k + 1, readyState: standby.video.readyState, latencyMs: null, late: visible.video.ended });
    standby.video.play().catch((e) => notes.errors.push(`play(): ${e.message}`));
  };
  const swap = (next) => {
    leads.push((performance.now() - startedNextAt) / 1000);
    swaps.at(-1).latencyMs = Math.round(performance.now() - startedNextAt);
    const old = visible;
    // Frames of A the viewer never saw because B was started early.
    const stepSeconds = steps[old.step].mediaSeconds;
    notes.tailFramesCut += Math.max(0, Math.round((stepSeconds - old.lastMediaTime) / FRAME_S) - 1);
    next.video.style.zIndex = '1';
    old.video.style.zIndex = '0';
    old.video.pause();
    old.hls.stopLoad();
    visible = next;
    standby = old;
    k = next.step;
    preloaded = false;
    startedNextAt = null;
    stallEnd();
    if (k % 10 === 0) console.log(`[switcher] ${k}/${plan.transitions} transitions`);
  };

  for (const slot of slots) {
    const onFrame = (_now, meta) => {
      slot.video.requestVideoFrameCallback(onFrame);
      settleCounters(slot);
      if (slot !== visible) {
        if (slot !== standby || startedNextAt === null) return; // a preloaded first frame, not on screen
        swap(slot);
      }
      slot.presentedBase ??= meta.presentedFrames - 1;
      slot.lastMediaTime = meta.mediaTime;
      if (rec.firstFrameAt === null) rec.firstFrameAt = performance.now();
      frames.push([meta.expectedDisplayTime, meta.mediaTime, meta.presentedFrames - slot.presentedBase, slot.step]);
      // The media clock: start B so that its first frame lands where A's last one ends.
      if (k < steps.length - 1 && meta.mediaTime + FRAME_S + lead() >= steps[k].mediaSeconds - 1e-3) startNext();
    };
    slot.video.requestVideoFrameCallback(onFrame);
    slot.video.addEventListener('waiting', () => {
      if (slot !== visible || rec.firstFrameAt === null) return;
      rec.stalls++;
      waitingSince ??= performance.now();
    });
    slot.video.addEventListener('playing', () => slot === visible && stallEnd());
    slot.video.addEventListener('ended', () => {
      if (slot !== visible) return;
      if (k === steps.length - 1) return ended();
      // A ended before B showed a frame: the picture is frozen until it does. A stall.
      notes.lateSwaps++;
      rec.stalls++;
      waitingSince ??= performance.now();
      if (!preloaded) notes.mismatches.push(`step ${k} ended before its choice`);
      startNext();
    });
  }
  slots[0].video.style.zIndex = '1';
  slots[1].video.style.zIndex = '0';
  slots[0].hls.once(Hls.Events.MANIFEST_PARSED, () =>
    slots[0].video.play().catch((e) => notes.errors.push(`play(): ${e.message}`)),
  );
  load(slots[0], 0);
  const stop = each(() => {
    // The choice is made at the planned moment; the chosen branch starts loading at once
    // (paused at 0 in the standby, which buffers ahead and decodes its first frame).
    if (preloaded || k >= steps.length - 1 || visible.video.currentTime < steps[k].chooseAt) return;
    preloaded = true;
    load(standby, k + 1);
    if (visible.video.ended) startNext(); // only if A ended before the choice (then noted)
  });
  await done;
  stop();
  stallEnd();
  for (const s of slots) {
    const q = quality(s);
    rec.dropped += q.dropped;
    rec.decoded += q.total;
  }
  notes.firstMediaTime = frames[0]?.[1] ?? null;
  const own = { tailFramesCut: notes.tailFramesCut, lateSwaps: notes.lateSwaps, leadMs: lead() * 1000, swaps };
  return { rec, notes, own };
}

function destroy() {
  for (const s of slots) {
    s.hls.destroy();
    s.video.removeAttribute('src');
    s.video.load();
    s.video.remove();
  }
  slots = []; // measure what hls.js keeps, not what this page holds
}

window.__bench = { run, destroy };
window.__benchReady = performance.now();
